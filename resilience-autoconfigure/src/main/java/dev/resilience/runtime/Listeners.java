package dev.resilience.runtime;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way the runtime calls listeners, observers and handlers of events: each in order, each
 * isolated from the others. A listener that throws is logged once, at WARN with its stack trace,
 * the first time it fails; later failures of the same listener go to DEBUG. Either way the other
 * listeners are still called and the caller never sees the exception.
 *
 * <p>This class is thread-safe and immutable apart from the set of listeners already reported.
 *
 * @param <L> the listener type
 * @since 0.1.0
 */
public final class Listeners<L> {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final String kind;

	private final List<L> all;

	private final Set<L> reported = ConcurrentHashMap.newKeySet();

	/**
	 * @param kind what the listeners are, for the log line: "worker listener", "alarm observer"
	 * @param listeners the listeners, called in this order
	 */
	public Listeners(String kind, List<? extends L> listeners) {
		this.kind = kind;
		this.all = List.copyOf(listeners);
	}

	/** @return whether there is no listener: callers may then skip preparing the call */
	public boolean isEmpty() {
		return this.all.isEmpty();
	}

	/**
	 * Calls every listener.
	 * @param about what the call is about, for the log line: a worker's or an alarm's name
	 * @param call the call to make on each listener
	 */
	public void each(String about, Consumer<? super L> call) {
		for (L listener : this.all) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				failed(listener, about, ex);
			}
		}
	}

	/**
	 * Calls one listener for a value, isolated and logged as {@link #each} calls every listener:
	 * for a listener whose call returns something the caller needs (a run observer's token).
	 * @param listener the listener, one of these or not
	 * @param about what the call is about, for the log line
	 * @param call the call to make
	 * @param fallback what to return if the call throws
	 * @param <R> the result type
	 * @return what the call returned, or {@code fallback} if it threw
	 */
	public <R> R call(L listener, String about, Function<? super L, ? extends R> call, R fallback) {
		try {
			return call.apply(listener);
		}
		catch (RuntimeException ex) {
			failed(listener, about, ex);
			return fallback;
		}
	}

	private void failed(L listener, String about, Throwable failure) {
		if (this.reported.add(listener)) {
			logger.warn("{} {} failed for '{}'; later failures of this {} are logged at DEBUG", this.kind,
					listener.getClass().getName(), about, this.kind, failure);
		}
		else {
			logger.debug("{} {} failed for '{}'", this.kind, listener.getClass().getName(), about, failure);
		}
	}

}
