package dev.resilience.supervisor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts {@link TestChild fake children} and records, in one list shared by all of them, every
 * start ({@code start:<id>}) and stop ({@code stop:<id>}) in the order they happen.
 */
final class TestChildren {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final Map<String, List<TestChild>> incarnations = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> startFailures = new ConcurrentHashMap<>();

	/**
	 * @param id the child's id
	 * @return a permanent worker spec whose starter starts a new {@link TestChild}
	 */
	ChildSpec worker(String id) {
		return ChildSpec.worker(id, starter(id));
	}

	ChildStarter starter(String id) {
		return (exitHandler) -> {
			AtomicInteger failures = this.startFailures.get(id);
			if (failures != null && failures.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				this.events.add("failed-start:" + id);
				throw new IllegalStateException("start of " + id + " failed");
			}
			TestChild child = new TestChild(id, exitHandler, this.events);
			this.incarnations.computeIfAbsent(id, (key) -> new CopyOnWriteArrayList<>()).add(child);
			this.events.add("start:" + id);
			return child;
		};
	}

	/**
	 * Makes the next starts of a child throw.
	 * @param id the child's id
	 * @param times how many starts fail
	 */
	void failStarts(String id, int times) {
		this.startFailures.put(id, new AtomicInteger(times));
	}

	/**
	 * @param id the child's id
	 * @return the incarnation started last
	 */
	TestChild current(String id) {
		List<TestChild> started = incarnations(id);
		if (started.isEmpty()) {
			throw new IllegalStateException("child " + id + " was never started");
		}
		return started.get(started.size() - 1);
	}

	/**
	 * @param id the child's id
	 * @return every incarnation, in start order
	 */
	List<TestChild> incarnations(String id) {
		return List.copyOf(this.incarnations.getOrDefault(id, List.of()));
	}

	int starts(String id) {
		return incarnations(id).size();
	}

	/** @return the starts and stops so far, in order */
	List<String> events() {
		return List.copyOf(this.events);
	}

	void clearEvents() {
		this.events.clear();
	}

}
