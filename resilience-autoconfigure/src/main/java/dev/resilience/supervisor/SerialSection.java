package dev.resilience.supervisor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The lock a {@link Supervisor} changes its state under, with two queues around it, both filled
 * and emptied by the thread that holds the lock: work that this thread submits while it holds the
 * lock (a child exiting while it starts) runs before it releases the lock, and calls that must not
 * happen under the lock (listeners, the parent's exit handler) run right after it has released
 * it, also when the locked action threw. Nested calls on the holding thread leave both queues to
 * the outermost call.
 *
 * <p>Work never changes threads: a thread that submits work while another holds the lock waits
 * for the lock and runs its work itself, and a thread that only reads (a snapshot) runs nothing
 * but its read, whatever other threads are waiting.
 *
 * <p>It is the lock itself rather than holding one: one object less per supervisor.
 *
 * <p>This class is thread-safe.
 */
@SuppressWarnings("serial")
final class SerialSection extends ReentrantLock {

	/**
	 * Work submitted by the holder while holding the lock, {@code null} until there is some;
	 * only touched under the lock. Created on demand, as most supervisors never need it.
	 */
	private Queue<Runnable> pending;

	/** Calls the holder deferred, {@code null} for none; only touched under the lock. */
	private List<Runnable> afterUnlock;

	/**
	 * Runs an action under the lock, then the work this thread submitted meanwhile, then,
	 * unlocked, what this thread deferred.
	 * @param action the action
	 * @param <T> its result type
	 * @return its result
	 */
	<T> T call(Supplier<T> action) {
		lock();
		if (getHoldCount() > 1) {
			try {
				return action.get(); // nested: the outermost call runs what is queued
			}
			finally {
				unlock();
			}
		}
		try {
			try {
				return action.get();
			}
			finally {
				Queue<Runnable> queue = this.pending;
				Runnable next;
				while (queue != null && (next = queue.poll()) != null) {
					next.run();
				}
			}
		}
		finally {
			List<Runnable> deferred = this.afterUnlock;
			this.afterUnlock = null;
			unlock();
			if (deferred != null) {
				deferred.forEach(Runnable::run);
			}
		}
	}

	/**
	 * @param action runs under the lock
	 * @see #call(Supplier)
	 */
	void run(Runnable action) {
		call(() -> {
			action.run();
			return null;
		});
	}

	/**
	 * Runs work under the lock on this thread: at once (waiting for the lock if another thread
	 * holds it), or, if this thread holds the lock, before it releases it.
	 * @param work the work
	 */
	void submit(Runnable work) {
		if (isHeldByCurrentThread()) {
			if (this.pending == null) {
				this.pending = new ArrayDeque<>();
			}
			this.pending.add(work);
		}
		else {
			run(work);
		}
	}

	/**
	 * Defers a call until the lock is released. Only while holding the lock.
	 * @param call the call
	 */
	void afterUnlock(Runnable call) {
		if (this.afterUnlock == null) {
			this.afterUnlock = new ArrayList<>();
		}
		this.afterUnlock.add(call);
	}

}
