package dev.resilience.autoconfigure.settings;

/**
 * How the starter treats Spring's {@code @Scheduled} methods.
 *
 * @since 0.1.0
 */
public class ScheduledProperties {

	/**
	 * Whether every @Scheduled method of a singleton bean runs as a supervised worker named
	 * beanName.methodName instead of on Spring's scheduler. Needs @EnableScheduling.
	 */
	private boolean supervise;

	public boolean isSupervise() {
		return this.supervise;
	}

	public void setSupervise(boolean supervise) {
		this.supervise = supervise;
	}

}
