package dev.resilience.testsupport;

/**
 * Counts live threads by name, for tests that prove which threads a component starts.
 */
public final class Threads {

	private Threads() {
	}

	/**
	 * @param name a thread name
	 * @return how many live threads have exactly that name
	 */
	public static long named(String name) {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.isAlive() && name.equals(thread.getName()))
			.count();
	}

}
