package dev.resilience.alarm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remedy whose runs wait for a permit from the test, noting when they start, end and are
 * interrupted.
 */
final class ControlledRemedy implements RemedyCallback {

	final Semaphore permits = new Semaphore(0);

	final AtomicInteger started = new AtomicInteger();

	final AtomicInteger finished = new AtomicInteger();

	final AtomicInteger interrupted = new AtomicInteger();

	final List<Long> startNanos = new CopyOnWriteArrayList<>();

	final List<Long> endNanos = new CopyOnWriteArrayList<>();

	final List<Long> interruptedNanos = new CopyOnWriteArrayList<>();

	final List<Boolean> daemon = new CopyOnWriteArrayList<>();

	volatile boolean ignoreInterrupts;

	@Override
	public void run() throws InterruptedException {
		this.startNanos.add(System.nanoTime());
		this.daemon.add(Thread.currentThread().isDaemon());
		this.started.incrementAndGet();
		while (true) {
			try {
				this.permits.acquire();
				break;
			}
			catch (InterruptedException ex) {
				this.interruptedNanos.add(System.nanoTime());
				this.interrupted.incrementAndGet();
				if (!this.ignoreInterrupts) {
					throw ex;
				}
			}
		}
		this.endNanos.add(System.nanoTime());
		this.finished.incrementAndGet();
	}

}
