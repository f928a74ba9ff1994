package dev.resilience.autoconfigure.aot;

import dev.resilience.alarm.Remedy;
import dev.resilience.check.DependencyCheck;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The reflection hints {@link ResilienceBeanRegistrationAotProcessor} registers for bean
 * definitions in a plain bean factory.
 */
class ResilienceBeanRegistrationAotProcessorTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final GenerationContext generationContext = new DefaultGenerationContext(
			new ClassNameGenerator(ClassName.get(ResilienceBeanRegistrationAotProcessorTests.class)),
			new InMemoryGeneratedFiles());

	@Test
	void workerAndRemedyMethodsAreRegisteredForInvocationAndNothingElse() {
		process("workers", new RootBeanDefinition(Workers.class));
		RuntimeHints hints = this.generationContext.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Workers.class, "pay")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Workers.class, "refresh")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Workers.class, "helper")).rejects(hints);
	}

	@Test
	void prototypeWorkerIsRegisteredToo() {
		RootBeanDefinition definition = new RootBeanDefinition(Workers.class);
		definition.setScope(BeanDefinition.SCOPE_PROTOTYPE);
		process("workers", definition);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Workers.class, "pay"))
			.accepts(this.generationContext.getRuntimeHints());
	}

	@Test
	void inheritedAndInterfaceDeclaredWorkerMethodsAreRegisteredWhereDeclared() {
		process("proxied", new RootBeanDefinition(InterfaceWorker.class));
		RuntimeHints hints = this.generationContext.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(InterfaceWorker.class, "run"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Job.class, "run")).accepts(hints);
	}

	@Test
	void dependencyCheckMethodIsRegisteredOnTheBeanAndTheInterface() {
		process("ping", new RootBeanDefinition(PingCheck.class));
		RuntimeHints hints = this.generationContext.getRuntimeHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(PingCheck.class, "check")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(DependencyCheck.class, "check"))
			.accepts(hints);
	}

	@Test
	void beanWithNothingToInvokeContributesNothing() {
		this.beanFactory.registerBeanDefinition("plain", new RootBeanDefinition(Plain.class));
		assertThat(new ResilienceBeanRegistrationAotProcessor()
			.processAheadOfTime(RegisteredBean.of(this.beanFactory, "plain"))).isNull();
	}

	private void process(String beanName, RootBeanDefinition definition) {
		this.beanFactory.registerBeanDefinition(beanName, definition);
		BeanRegistrationAotContribution contribution = new ResilienceBeanRegistrationAotProcessor()
			.processAheadOfTime(RegisteredBean.of(this.beanFactory, beanName));
		assertThat(contribution).isNotNull();
		contribution.applyTo(this.generationContext, mock(BeanRegistrationCode.class));
	}

	static class Workers {

		@SupervisedWorker(name = "payments", interval = "1s")
		public void pay() {
		}

		@Remedy(alarm = "cache_stale")
		public void refresh() {
		}

		public void helper() {
		}

	}

	interface Job {

		void run();

	}

	static class InterfaceWorker implements Job {

		@Override
		@SupervisedWorker(name = "job", interval = "1s")
		public void run() {
		}

	}

	static class PingCheck implements DependencyCheck {

		@Override
		public void check() {
		}

	}

	static class Plain {

		public void run() {
		}

	}

}
