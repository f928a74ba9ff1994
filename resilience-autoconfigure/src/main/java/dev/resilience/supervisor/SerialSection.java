package dev.resilience.supervisor;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The lock a {@link Supervisor} changes its state under, with two queues around it: work that
 * arrives while the lock is held by the same thread (a child exiting while it starts) runs
 * before the lock is released, and calls that must not happen under the lock (listeners, the
 * parent's exit handler) run right after it is released, also when the locked action threw.
 *
 * <p>This class is thread-safe.
 */
final class SerialSection {

	private final ReentrantLock lock = new ReentrantLock();

	private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();

	private List<Runnable> afterUnlock = new ArrayList<>();

	/**
	 * Runs an action under the lock, then what arrived meanwhile, then, unlocked, what was
	 * deferred.
	 * @param action the action
	 * @param <T> its result type
	 * @return its result
	 */
	<T> T call(Supplier<T> action) {
		this.lock.lock();
		try {
			try {
				return action.get();
			}
			finally {
				Runnable next;
				while ((next = this.pending.poll()) != null) {
					next.run();
				}
			}
		}
		finally {
			List<Runnable> deferred = this.afterUnlock;
			this.afterUnlock = new ArrayList<>();
			this.lock.unlock();
			deferred.forEach(Runnable::run);
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
	 * Runs work under the lock: at once, or, if this thread holds the lock, before it is
	 * released.
	 * @param work the work
	 */
	void submit(Runnable work) {
		this.pending.add(work);
		if (!this.lock.isHeldByCurrentThread()) {
			run(() -> {
			});
		}
	}

	/**
	 * Defers a call until the lock is released. Only while holding the lock.
	 * @param call the call
	 */
	void afterUnlock(Runnable call) {
		this.afterUnlock.add(call);
	}

}
