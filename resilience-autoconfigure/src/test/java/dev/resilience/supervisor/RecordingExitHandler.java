package dev.resilience.supervisor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link ExitHandler} standing in for a root supervisor's parent: keeps every exit it hears.
 */
final class RecordingExitHandler implements ExitHandler {

	private final List<Exit> exits = new CopyOnWriteArrayList<>();

	@Override
	public void exited(Exit exit) {
		this.exits.add(exit);
	}

	List<Exit> exits() {
		return List.copyOf(this.exits);
	}

}
