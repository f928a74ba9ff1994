package dev.resilience.benchmarks;

import java.util.Arrays;

/**
 * Entry point of the harnesses that are not JMH benchmarks; {@code benchmarks/run.sh} starts one
 * JVM per call. Each prints its figures as {@code RAW <key> <value>} lines for {@link Report}.
 */
public final class Main {

	private Main() {
	}

	/**
	 * @param args the harness ({@code crash}, {@code hung}, {@code scale}, {@code heap}, {@code cron}, {@code startup},
	 * {@code alarm-delivery}, {@code health-app}, {@code report}) and its arguments
	 * @throws Exception if the harness fails
	 */
	public static void main(String[] args) throws Exception {
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		switch (args[0]) {
			case "crash" -> CrashLatency.main(rest);
			case "hung" -> HungCost.main(rest);
			case "scale" -> Scale.main(rest);
			case "heap" -> HeapPerWorker.main(rest);
			case "cron" -> CronCost.main(rest);
			case "startup" -> Startup.main(rest);
			case "alarm-delivery" -> AlarmDelivery.main(rest);
			case "health-app" -> HealthApp.main(rest);
			case "report" -> Report.main(rest);
			default -> throw new IllegalArgumentException("unknown harness " + args[0]);
		}
	}

}
