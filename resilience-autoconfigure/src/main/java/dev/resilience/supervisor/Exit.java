package dev.resilience.supervisor;

import java.util.Objects;

/**
 * Why a child stopped: OTP's exit reason.
 *
 * @param kind the kind of exit
 * @param cause the failure behind an {@linkplain Kind#ABNORMAL abnormal} exit, otherwise
 * {@code null}
 * @param repeated whether an abnormal exit repeats the child's last one, which the child logged
 * already: its supervisor then logs the restart at DEBUG instead of INFO
 *
 * @since 0.1.0
 */
public record Exit(Kind kind, Throwable cause, boolean repeated) {

	private static final Exit NORMAL = new Exit(Kind.NORMAL, null);

	private static final Exit SHUTDOWN = new Exit(Kind.SHUTDOWN, null);

	public Exit {
		Objects.requireNonNull(kind, "kind");
		if (kind == Kind.ABNORMAL) {
			Objects.requireNonNull(cause, "an abnormal exit needs a cause");
		}
		else if (cause != null || repeated) {
			throw new IllegalArgumentException("only an abnormal exit has a cause or repeats, not a " + kind + " exit");
		}
	}

	/**
	 * An exit that is not a repeat.
	 * @param kind the kind of exit
	 * @param cause the failure behind an abnormal exit, otherwise {@code null}
	 */
	public Exit(Kind kind, Throwable cause) {
		this(kind, cause, false);
	}

	/** @return a normal exit: the child finished its work */
	public static Exit normal() {
		return NORMAL;
	}

	/** @return a shutdown exit: the child was asked to stop */
	public static Exit shutdown() {
		return SHUTDOWN;
	}

	/**
	 * @param cause what went wrong
	 * @return an abnormal exit (a crash)
	 */
	public static Exit abnormal(Throwable cause) {
		return new Exit(Kind.ABNORMAL, cause);
	}

	/**
	 * @param cause what went wrong, as it did last time
	 * @return an abnormal exit that repeats the child's last one, already logged by the child
	 */
	public static Exit repeated(Throwable cause) {
		return new Exit(Kind.ABNORMAL, cause, true);
	}

	/** @return for log lines: the cause, or {@code normal exit} / {@code shutdown exit} */
	public String describe() {
		return (this.cause != null) ? this.cause.toString()
				: this.kind.name().toLowerCase(java.util.Locale.ROOT) + " exit";
	}

	/** The kinds of exit. */
	public enum Kind {

		/** The child finished its work ({@code normal} in OTP). */
		NORMAL,

		/** The child was stopped by its supervisor or at shutdown ({@code shutdown}). */
		SHUTDOWN,

		/** The child crashed: any other reason. */
		ABNORMAL

	}

}
