package dev.resilience.alarm;

/**
 * What a remedy does about its alarm, as Alarmist's remedy callback.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RemedyCallback {

	/**
	 * Tries to fix what the alarm is about. Should respond to interruption: a run past its
	 * callback timeout, or of a removed remedy, is interrupted.
	 * @throws Exception on failure: logged and counted as {@code failed}; a later attempt still
	 * comes
	 */
	void run() throws Exception;

}
