package dev.resilience.alarm;

/**
 * Hears alarms being set and cleared, as a SASL alarm handler does.
 *
 * <p>Each handler is called on a thread of its own, never on the thread that set or cleared the
 * alarm, one call at a time, in the order the transitions happened. A handler that throws is
 * logged with its name and counted, and keeps receiving later transitions; a handler that hangs
 * is interrupted after the handler timeout, and delays neither other handlers nor callers of
 * {@link Alarms}.
 *
 * @since 0.1.0
 */
public interface AlarmHandler {

	/**
	 * An alarm was set (it was clear before).
	 * @param alarm the alarm
	 * @throws Exception on failure: logged and counted, nothing else
	 */
	default void onSet(Alarm alarm) throws Exception {
	}

	/**
	 * An alarm was cleared.
	 * @param alarm the alarm as it was while set
	 * @throws Exception on failure: logged and counted, nothing else
	 */
	default void onClear(Alarm alarm) throws Exception {
	}

	/** @return the handler's name in logs and meters; default its class name */
	default String name() {
		return getClass().getName();
	}

}
