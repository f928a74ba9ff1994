package dev.resilience.autoconfigure.worker;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.worker.SupervisedWorker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link SupervisionTree} bean: the tree the lifecycle runs, lazy, so it is built from every
 * worker; a bean that takes it while singletons are still being created fails start-up saying to
 * take an {@code ObjectProvider}.
 */
class SupervisionTreeBeanTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class))
		.withUserConfiguration(Workers.class);

	@Test
	void theBeanIsTheRunningTree() {
		this.runner.run((context) -> {
			SupervisionTree tree = context.getBean(SupervisionTree.class);
			assertThat(context.getBean(SupervisionTreeLifecycle.class).tree()).containsSame(tree);
			assertThat(tree.workerNames()).containsExactly("payments");
			assertThat(tree.state()).isEqualTo(dev.resilience.supervisor.Supervisor.State.RUNNING);
		});
	}

	@Test
	void aBeanThatTakesAProviderGetsTheTreeItWillRun() {
		this.runner.withUserConfiguration(EarlyReader.class).run((context) -> {
			assertThat(context).hasNotFailed();
			EarlyReader reader = context.getBean(EarlyReader.class);
			assertThat(reader.seen).isSameAs(context.getBean(SupervisionTree.class));
			assertThat(reader.seen.workerNames()).containsExactly("payments");
		});
	}

	@Test
	void aBeanThatTakesTheTreeAtStartUpFailsItAndSaysWhatToDo() {
		this.runner.withUserConfiguration(TooEarly.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("The SupervisionTree was asked for while singletons are still being created")
				.hasMessageContaining("take ObjectProvider<SupervisionTree>");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Workers {

		@Bean
		Payments payments() {
			return new Payments();
		}

	}

	static class Payments {

		@SupervisedWorker(name = "payments", interval = "1h")
		void pay() {
		}

	}

	/** Reads the tree once all singletons exist, before the context starts. */
	@Configuration(proxyBeanMethods = false)
	static class EarlyReader implements SmartInitializingSingleton {

		private final ObjectProvider<SupervisionTree> tree;

		SupervisionTree seen;

		EarlyReader(ObjectProvider<SupervisionTree> tree) {
			this.tree = tree;
		}

		@Override
		public void afterSingletonsInstantiated() {
			this.seen = this.tree.getObject();
		}

	}

	/** Takes the tree in its constructor: too early, since not every worker may be known. */
	@Configuration(proxyBeanMethods = false)
	static class TooEarly {

		TooEarly(SupervisionTree tree) {
		}

	}

}
