package dev.resilience.supervisor;

/**
 * The abnormal exit of a supervisor that gave up: more restarts than its intensity allows.
 * Its parent sees it as the supervisor child's crash.
 *
 * @since 0.1.0
 */
public class RestartIntensityExceededException extends RuntimeException {

	/** The id of the supervisor that gave up. */
	private final String supervisor;

	/** The intensity it exceeded. */
	private final Intensity intensity;

	/**
	 * @param supervisor the id of the supervisor that gave up
	 * @param intensity the intensity it exceeded
	 * @param lastExit the exit that needed one restart too many
	 */
	public RestartIntensityExceededException(String supervisor, Intensity intensity, Exit lastExit) {
		super("Supervisor '" + supervisor + "' gave up: more than " + intensity, lastExit.cause());
		this.supervisor = supervisor;
		this.intensity = intensity;
	}

	/** @return the id of the supervisor that gave up */
	public String getSupervisor() {
		return this.supervisor;
	}

	/** @return the intensity it exceeded */
	public Intensity getIntensity() {
		return this.intensity;
	}

}
