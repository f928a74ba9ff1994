package dev.resilience.supervisor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fake {@link Child}: one incarnation of a child, started by {@link TestChildren}. It records
 * {@code stop:<id>} in the shared event list when stopped and exits when a test calls
 * {@link #exit(Exit)}, through the {@link ExitHandler} it was started with.
 */
final class TestChild implements Child {

	private final String id;

	private final ExitHandler exitHandler;

	private final List<String> events;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private volatile Duration shutdownTimeout;

	private volatile Runnable onStop = () -> {
	};

	TestChild(String id, ExitHandler exitHandler, List<String> events) {
		this.id = id;
		this.exitHandler = exitHandler;
		this.events = events;
	}

	String id() {
		return this.id;
	}

	/**
	 * Reports an exit, as a child that exits on its own does.
	 * @param exit the exit
	 */
	void exit(Exit exit) {
		this.exitHandler.exited(exit);
	}

	/** Reports an abnormal exit. */
	void crash() {
		exit(Exit.abnormal(new IllegalStateException("crash of " + this.id)));
	}

	/**
	 * @param onStop runs when this child is stopped, before {@link #stop} returns
	 */
	void onStop(Runnable onStop) {
		this.onStop = onStop;
	}

	boolean isStopped() {
		return this.stopped.get();
	}

	/** @return the shutdown timeout the supervisor gave, {@code null} if never stopped */
	Duration shutdownTimeout() {
		return this.shutdownTimeout;
	}

	@Override
	public void stop(Duration shutdownTimeout) {
		if (this.stopped.compareAndSet(false, true)) {
			this.shutdownTimeout = shutdownTimeout;
			this.onStop.run();
			this.events.add("stop:" + this.id);
		}
	}

}
