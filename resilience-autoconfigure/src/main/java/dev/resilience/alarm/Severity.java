package dev.resilience.alarm;

/**
 * How bad an alarm is, worst first.
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
