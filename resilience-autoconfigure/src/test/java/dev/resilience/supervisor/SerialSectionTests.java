package dev.resilience.supervisor;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link SerialSection}: work the holder submits runs before it releases the lock,
 * deferred calls right after, nested calls leave both to the outermost call, and work never
 * changes threads.
 */
class SerialSectionTests {

	private final SerialSection section = new SerialSection();

	private final List<String> events = new CopyOnWriteArrayList<>();

	@Test
	void workTheHolderSubmitsRunsAfterItsActionBeforeTheDeferredCalls() {
		String result = this.section.call(() -> {
			this.events.add("action");
			this.section.submit(() -> {
				this.events.add("work");
				this.section.afterUnlock(() -> this.events.add("after work"));
			});
			this.section.afterUnlock(() -> this.events.add("after action"));
			this.events.add("action ends");
			return "result";
		});
		assertThat(result).isEqualTo("result");
		assertThat(this.events).containsExactly("action", "action ends", "work", "after action", "after work");
	}

	@Test
	void aNestedCallReturnsItsResultAndLeavesQueuedWorkAndDeferredCallsToTheOutermost() throws Exception {
		this.section.run(() -> {
			this.section.submit(() -> this.events.add("work"));
			String inner = this.section.call(() -> {
				this.section.afterUnlock(() -> this.events.add("after inner"));
				return "inner";
			});
			this.events.add("nested returned " + inner);
		});
		assertThat(this.events).containsExactly("nested returned inner", "work", "after inner");
		CompletableFuture<String> elsewhere = CompletableFuture.supplyAsync(() -> this.section.call(() -> "free"));
		assertThat(elsewhere.get(5, TimeUnit.SECONDS)).as("the lock was released").isEqualTo("free");
	}

	@Test
	void workSubmittedWithoutTheLockRunsAtOnceOnTheSubmittingThread() {
		this.section.submit(() -> this.events.add("work on " + Thread.currentThread().getName()));
		assertThat(this.events).containsExactly("work on " + Thread.currentThread().getName());
	}

}
