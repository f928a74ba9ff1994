package dev.resilience.supervisor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link SupervisionListener} that records its calls as text
 * ({@code exited:<supervisor>/<child>/<KIND>}, {@code restarted:...}, {@code stopped:...},
 * {@code escalated:<supervisor>}) and keeps the exits it heard.
 */
final class RecordingListener implements SupervisionListener {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final List<Exit> exits = new CopyOnWriteArrayList<>();

	@Override
	public void childExited(String supervisor, ChildSpec child, Exit exit) {
		this.exits.add(exit);
		this.calls.add("exited:" + supervisor + "/" + child.id() + "/" + exit.kind());
	}

	@Override
	public void childRestarted(String supervisor, ChildSpec child) {
		this.calls.add("restarted:" + supervisor + "/" + child.id());
	}

	@Override
	public void childStopped(String supervisor, ChildSpec child) {
		this.calls.add("stopped:" + supervisor + "/" + child.id());
	}

	@Override
	public void escalated(String supervisor, Intensity intensity) {
		this.calls.add("escalated:" + supervisor);
	}

	List<String> calls() {
		return List.copyOf(this.calls);
	}

	List<Exit> exits() {
		return List.copyOf(this.exits);
	}

	void clear() {
		this.calls.clear();
		this.exits.clear();
	}

}
