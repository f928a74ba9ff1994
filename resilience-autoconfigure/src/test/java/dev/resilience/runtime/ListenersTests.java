package dev.resilience.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.resilience.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link Listeners}: every listener called in order, each isolated, a failing one logged
 * at WARN once and at DEBUG after; {@link Listeners#call} for one listener's value.
 */
class ListenersTests {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final Supplier<String> throwing = () -> {
		throw new IllegalStateException("listener down");
	};

	@Test
	void eachCallsEveryListenerInOrderPastOneThatThrows() {
		Supplier<String> first = () -> "first";
		Supplier<String> last = () -> "last";
		Listeners<Supplier<String>> listeners = new Listeners<>("test listener", List.of(first, this.throwing, last));
		try (LogCapture logs = LogCapture.of(Listeners.class)) {
			listeners.each("alarm-1", (listener) -> this.calls.add(listener.get()));
			listeners.each("alarm-2", (listener) -> this.calls.add(listener.get()));
			assertThat(logs.lines()).extracting(LogCapture.Line::level).containsExactly("WARN", "DEBUG");
			assertThat(logs.lines().get(0).message()).contains("test listener", "alarm-1", "DEBUG");
			assertThat(logs.lines().get(0).stackTrace()).isTrue();
			assertThat(logs.lines().get(1).message()).contains("test listener", "alarm-2");
		}
		assertThat(this.calls).containsExactly("first", "last", "first", "last");
		assertThat(listeners.isEmpty()).isFalse();
		assertThat(new Listeners<>("none", List.of()).isEmpty()).isTrue();
	}

	@Test
	void callReturnsTheListenersValueOrTheFallbackWhenItThrows() {
		Listeners<Supplier<String>> listeners = new Listeners<>("test observer", List.of());
		try (LogCapture logs = LogCapture.of(Listeners.class)) {
			assertThat(listeners.call(() -> "token", "worker-1", Supplier::get, "fallback")).isEqualTo("token");
			assertThat(logs.lines()).isEmpty();
			assertThat(listeners.call(this.throwing, "worker-1", Supplier::get, "fallback")).isEqualTo("fallback");
			assertThat(listeners.call(this.throwing, "worker-2", Supplier::get, "fallback")).isEqualTo("fallback");
			assertThat(logs.lines()).extracting(LogCapture.Line::level).containsExactly("WARN", "DEBUG");
			assertThat(logs.lines().get(0).message()).contains("test observer", "worker-1");
		}
	}

}
