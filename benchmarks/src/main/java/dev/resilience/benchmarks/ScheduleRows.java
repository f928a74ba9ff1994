package dev.resilience.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Report}'s rows for the other schedules: per-run overhead at a fixed rate (JMH, supervised
 * vs {@code @Scheduled(fixedRate)} vs the executor) and cron's process CPU per run ({@link CronCost},
 * supervised vs Spring's {@code CronTrigger}). Figures and ratios, no targets.
 */
final class ScheduleRows {

	private static final String RUN = "RunOverheadBenchmark.run.";

	private ScheduleRows() {
	}

	static List<String> rows(Map<String, List<Double>> raw, Map<String, Double> jmh) {
		List<String> rows = new ArrayList<>();
		String fixedRate = "per-run overhead, fixed rate";
		rows.add(row(fixedRate, "@Scheduled(fixedRate), plain Spring context, ns/run (baseline: "
				+ "ScheduledThreadPoolExecutor.scheduleAtFixedRate)", jmh, "executor-fixed-rate",
				"spring-scheduled-fixed-rate"));
		rows.add(row(fixedRate, "supervised worker, Schedule.fixedRate, ns/run (baseline: "
				+ "ScheduledThreadPoolExecutor.scheduleAtFixedRate)", jmh, "executor-fixed-rate", "supervised-fixed-rate"));
		rows.add(row(fixedRate, "supervised worker, Schedule.fixedRate, ns/run (baseline: @Scheduled(fixedRate), "
				+ "plain Spring context)", jmh, "spring-scheduled-fixed-rate", "supervised-fixed-rate"));
		Double workers = last(raw, "cron.supervised.workers");
		String n = (workers != null) ? String.format(Locale.ROOT, "%,d", workers.longValue()) : "?";
		String cron = "cron";
		rows.add(row(cron, n + " workers on * * * * * *: process CPU, ns per run (baseline: Spring CronTrigger on "
				+ "ThreadPoolTaskScheduler)", last(raw, "cron.spring.cpu_ns_per_run"),
				last(raw, "cron.supervised.cpu_ns_per_run")));
		rows.add(row(cron, n + " workers on * * * * * *: runs/s (baseline: Spring CronTrigger)",
				last(raw, "cron.spring.runs_per_s"), last(raw, "cron.supervised.runs_per_s")));
		rows.add(row(cron, n + " workers on * * * * * *: process CPU, % of one core (baseline: Spring CronTrigger)",
				pct(last(raw, "cron.spring.cpu_share")), pct(last(raw, "cron.supervised.cpu_share"))));
		return rows;
	}

	private static String row(String benchmark, String figure, Map<String, Double> jmh, String baseline, String ours) {
		return cells(benchmark, figure, withError(jmh, RUN + baseline), withError(jmh, RUN + ours),
				Report.ratioText(jmh.get(RUN + ours), jmh.get(RUN + baseline)));
	}

	private static String row(String benchmark, String figure, Double baseline, Double ours) {
		return cells(benchmark, figure, Report.number(baseline), Report.number(ours), Report.ratioText(ours, baseline));
	}

	private static String cells(String benchmark, String figure, String baseline, String ours, String ratio) {
		return String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |  |  |", benchmark, figure, baseline, ours, ratio);
	}

	/** A JMH score with its 99.9 % confidence half-width, as {@link Report} shows it. */
	private static String withError(Map<String, Double> jmh, String key) {
		Double score = jmh.get(key);
		Double error = jmh.get(key + ".error");
		if (score == null) {
			return "?";
		}
		return (error == null || error.isNaN()) ? Report.number(score) : Report.number(score) + " ± " + Report.number(error);
	}

	private static Double last(Map<String, List<Double>> raw, String key) {
		List<Double> values = raw.get(key);
		return (values == null || values.isEmpty()) ? null : values.get(values.size() - 1);
	}

	private static Double pct(Double share) {
		return (share != null) ? share * 100 : null;
	}

}
