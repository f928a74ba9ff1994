package dev.resilience.autoconfigure.worker

import dev.resilience.autoconfigure.ResilienceAutoConfiguration
import dev.resilience.tree.SupervisionTree
import dev.resilience.worker.RunTimeoutException
import dev.resilience.worker.SupervisedWorker
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.delay
import org.assertj.core.api.Assertions.assertThat
import org.awaitility.Awaitility.await
import org.junit.jupiter.api.Test
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.test.context.FilteredClassLoader
import org.springframework.boot.test.context.runner.ApplicationContextRunner
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import org.springframework.scheduling.annotation.EnableScheduling
import org.springframework.scheduling.annotation.Scheduled
import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger

/**
 * Kotlin `suspend fun` workers, awaited as Spring awaits a suspending `@Scheduled` method: one
 * that succeeds, one that throws (a crash), one that outlives its timeout (cancelled, a
 * timeout), a supervised suspending `@Scheduled` method, and a suspend worker without
 * `kotlinx-coroutines-reactor` (refused at start-up).
 */
class SuspendWorkerTests {

	private val runner = ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration::class.java))

	@Test
	fun `a suspend worker that succeeds runs on its schedule`() {
		runner.withUserConfiguration(Succeeding::class.java).run { context ->
			val worker = context.getBean(SucceedingWorker::class.java)
			await().atMost(Duration.ofSeconds(10)).until { worker.runs.get() >= 3 }
			val payments = context.getBean(SupervisionTree::class.java).worker("payments").orElseThrow()
			assertThat(payments.runs()).isGreaterThanOrEqualTo(2)
			assertThat(payments.consecutiveFailures()).isZero()
			assertThat(payments.lastFailure()).isNull()
			assertThat(context.getBean(SupervisionTree::class.java).restarts("payments")).isZero()
		}
	}

	@Test
	fun `a suspend worker that throws crashes and is restarted`() {
		runner.withUserConfiguration(Throwing::class.java).run { context ->
			val tree = context.getBean(SupervisionTree::class.java)
			await().atMost(Duration.ofSeconds(10)).until { tree.restarts("ledger") >= 2 }
			val ledger = tree.worker("ledger").orElseThrow()
			assertThat(ledger.consecutiveFailures()).isGreaterThanOrEqualTo(2)
			assertThat(ledger.lastFailure().type()).isEqualTo(IllegalStateException::class.java.name)
			assertThat(ledger.lastFailure().message()).isEqualTo("ledger unreachable after suspending")
		}
	}

	@Test
	fun `a suspend worker past its timeout is cancelled and counts a timeout`() {
		runner.withUserConfiguration(Slow::class.java).withPropertyValues("resilience.workers.slow.timeout=200ms")
			.run { context ->
				val worker = context.getBean(SlowWorker::class.java)
				val tree = context.getBean(SupervisionTree::class.java)
				await().atMost(Duration.ofSeconds(10)).until { worker.cancelled.get() >= 1 && tree.restarts("slow") >= 1 }
				val slow = tree.worker("slow").orElseThrow()
				assertThat(slow.lastFailure().type()).isEqualTo(RunTimeoutException::class.java.name)
				assertThat(worker.finished.get()).isZero()
			}
	}

	@Test
	fun `a suspending Scheduled method is supervised`() {
		runner.withUserConfiguration(ScheduledJobs::class.java).withPropertyValues("resilience.scheduled.supervise=true")
			.run { context ->
				val jobs = context.getBean(ScheduledJobs::class.java)
				val tree = context.getBean(SupervisionTree::class.java)
				val name = tree.workerNames().single { it.endsWith(".tick") }
				await().atMost(Duration.ofSeconds(10)).until { tree.restarts(name) >= 1 && jobs.ticks.get() >= 3 }
				assertThat(tree.worker(name).orElseThrow().lastFailure().message()).isEqualTo("every third tick fails")
			}
	}

	@Test
	fun `a suspend worker without kotlinx-coroutines-reactor fails start-up saying what it needs`() {
		runner.withUserConfiguration(Succeeding::class.java)
			.withClassLoader(FilteredClassLoader("kotlinx.coroutines.reactor"))
			.run { context ->
				assertThat(context).hasFailed()
				assertThat(context.startupFailure).rootCause()
					.hasMessageContaining("@SupervisedWorker on SucceedingWorker.pay")
					.hasMessageContaining("kotlinx-coroutines-reactor")
			}
	}

	@Configuration(proxyBeanMethods = false)
	class Succeeding {

		@Bean
		fun succeedingWorker() = SucceedingWorker()

	}

	class SucceedingWorker {

		val runs = AtomicInteger()

		@SupervisedWorker(name = "payments", interval = "50ms")
		suspend fun pay(): Boolean {
			delay(5)
			runs.incrementAndGet()
			return true
		}

	}

	@Configuration(proxyBeanMethods = false)
	class Throwing {

		@Bean
		fun throwingWorker() = ThrowingWorker()

	}

	class ThrowingWorker {

		@SupervisedWorker(name = "ledger", interval = "50ms")
		suspend fun post() {
			delay(5)
			throw IllegalStateException("ledger unreachable after suspending")
		}

	}

	@Configuration(proxyBeanMethods = false)
	class Slow {

		@Bean
		fun slowWorker() = SlowWorker()

	}

	class SlowWorker {

		val cancelled = AtomicInteger()

		val finished = AtomicInteger()

		@SupervisedWorker(name = "slow", interval = "50ms")
		suspend fun crawl() {
			try {
				delay(60_000)
				finished.incrementAndGet()
			}
			catch (ex: CancellationException) {
				cancelled.incrementAndGet()
				throw ex
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	class ScheduledJobs {

		val ticks = AtomicInteger()

		@Scheduled(fixedDelay = 50)
		suspend fun tick() {
			delay(5)
			if (ticks.incrementAndGet() % 3 == 0) {
				throw IllegalStateException("every third tick fails")
			}
		}

	}

}
