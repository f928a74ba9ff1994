package dev.resilience.autoconfigure.aot

import dev.resilience.worker.SupervisedWorker
import kotlinx.coroutines.delay
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.mockito.Mockito.mock
import org.springframework.aot.generate.ClassNameGenerator
import org.springframework.aot.generate.DefaultGenerationContext
import org.springframework.aot.generate.InMemoryGeneratedFiles
import org.springframework.aot.hint.MemberCategory
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates
import org.springframework.beans.factory.aot.BeanRegistrationCode
import org.springframework.beans.factory.support.DefaultListableBeanFactory
import org.springframework.beans.factory.support.RegisteredBean
import org.springframework.beans.factory.support.RootBeanDefinition
import org.springframework.javapoet.ClassName

/** The AOT hints of a Kotlin `suspend fun` worker: the method for invocation, its type's methods for Kotlin reflection. */
class SuspendWorkerHintsTests {

	@Test
	fun `a suspend worker is registered for invocation and its type for introspection`() {
		val beanFactory = DefaultListableBeanFactory()
		beanFactory.registerBeanDefinition("payments", RootBeanDefinition(Payments::class.java))
		val context = DefaultGenerationContext(ClassNameGenerator(ClassName.get(SuspendWorkerHintsTests::class.java)),
			InMemoryGeneratedFiles())
		val contribution = ResilienceBeanRegistrationAotProcessor()
			.processAheadOfTime(RegisteredBean.of(beanFactory, "payments"))
		assertThat(contribution).isNotNull()
		contribution!!.applyTo(context, mock(BeanRegistrationCode::class.java))
		val hints = context.runtimeHints
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Payments::class.java, "pay")).accepts(hints)
		assertThat(RuntimeHintsPredicates.reflection().onType(Payments::class.java)
			.withMemberCategory(MemberCategory.INTROSPECT_DECLARED_METHODS)).accepts(hints)
		assertThat(RuntimeHintsPredicates.reflection().onType(Plain::class.java)).rejects(hints)
	}

	class Payments {

		@SupervisedWorker(name = "payments", interval = "1s")
		suspend fun pay() {
			delay(1)
		}

	}

	class Plain

}
