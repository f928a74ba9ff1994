package dev.resilience.alarm;

/**
 * How bad an alarm is, worst first.
 *
 * @since 0.1.0
 */
public enum Severity {

	/** The instance cannot do its job: health DOWN. */
	CRITICAL,

	/** The instance does its job badly: health DEGRADED. */
	MAJOR,

	/** News for people; the instance keeps serving. */
	MINOR,

	/** Something to look at. */
	WARNING

}
