package dev.resilience.supervisor;

/**
 * When a child that exited is restarted, as in OTP.
 *
 * @since 0.1.0
 */
public enum Restart {

	/** Always restarted, whatever the exit. */
	PERMANENT,

	/**
	 * Restarted only after an {@linkplain Exit.Kind#ABNORMAL abnormal} exit; a normal or shutdown
	 * exit leaves it terminated.
	 */
	TRANSIENT,

	/** Never restarted; removed from its supervisor when it exits. */
	TEMPORARY;

	/**
	 * Whether a child of this restart type is restarted after the given exit.
	 * @param exit how the child exited
	 * @return {@code true} to restart the child
	 */
	public boolean restartsAfter(Exit exit) {
		return switch (this) {
			case PERMANENT -> true;
			case TRANSIENT -> exit.kind() == Exit.Kind.ABNORMAL;
			case TEMPORARY -> false;
		};
	}

}
