package dev.resilience.autoconfigure.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;
import dev.resilience.worker.SupervisedWorker;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.StringUtils;
import org.springframework.util.StringValueResolver;

/**
 * Turns a {@link Scheduled @Scheduled} annotation into the {@link SupervisedWorker} that runs its
 * method the way Spring would: placeholders resolved, numbers and plain-number strings read in
 * {@code timeUnit}, an initial delay of 0 unless given, a zone only with cron.
 *
 * @param outcome what becomes of the method
 * @param worker the worker to declare, or {@code null} unless {@link Outcome#SUPERVISE}
 */
record ScheduledConversion(Outcome outcome, SupervisedWorker worker) {

	private static final String DURATION = "a duration such as 5000 (in the timeUnit), PT5S or 5s";

	/** What becomes of a {@code @Scheduled} method. */
	enum Outcome {

		/** Runs as a supervised worker. */
		SUPERVISE,

		/** Left to Spring: a one-time task ({@code initialDelay} only), which is no periodic worker. */
		SPRING,

		/** Runs nowhere: {@code cron = "-"}, as in Spring. */
		DISABLED

	}

	static ScheduledConversion convert(Scheduled scheduled, StringValueResolver resolver, String name,
			String location) {
		String at = "@Scheduled(%s) on " + location;
		Duration initialDelay = duration(at, "initialDelay", scheduled.initialDelay(),
				scheduled.initialDelayString(), scheduled, resolver);
		String cron = resolve(resolver, scheduled.cron());
		Duration fixedDelay = duration(at, "fixedDelay", scheduled.fixedDelay(),
				scheduled.fixedDelayString(), scheduled, resolver);
		Duration fixedRate = duration(at, "fixedRate", scheduled.fixedRate(),
				scheduled.fixedRateString(), scheduled, resolver);
		List<String> given = new ArrayList<>();
		if (StringUtils.hasLength(cron)) {
			given.add("cron");
		}
		if (fixedDelay != null) {
			given.add("fixedDelay");
		}
		if (fixedRate != null) {
			given.add("fixedRate");
		}
		if (given.size() > 1) {
			throw new InvalidResiliencePropertyException(at.formatted(String.join(", ", given)),
					String.join(" and ", given), "exactly one of cron, fixedDelay and fixedRate, as @Scheduled says");
		}
		if (given.isEmpty()) {
			return new ScheduledConversion(Outcome.SPRING, null);
		}
		Map<String, Object> attributes = new LinkedHashMap<>();
		attributes.put("name", name);
		if (!given.get(0).equals("cron")) {
			attributes.put((fixedDelay != null) ? "interval" : "fixedRate",
					((fixedDelay != null) ? fixedDelay : fixedRate).toString());
			attributes.put("initialDelay", ((initialDelay != null) ? initialDelay : Duration.ZERO).toString());
		}
		else if (Scheduled.CRON_DISABLED.equals(cron)) {
			return new ScheduledConversion(Outcome.DISABLED, null);
		}
		else if (initialDelay != null) {
			throw new InvalidResiliencePropertyException(at.formatted("initialDelay"), initialDelay.toString(),
					"no initial delay with cron, as @Scheduled says: the first run comes at the next fire time");
		}
		else {
			attributes.put("cron", cron);
			String zone = resolve(resolver, scheduled.zone());
			if (StringUtils.hasText(zone)) {
				attributes.put("zone", zone);
			}
		}
		return new ScheduledConversion(Outcome.SUPERVISE,
				MergedAnnotation.of(SupervisedWorker.class, attributes).synthesize());
	}

	/** A number (negative: not given) or a text, read as Spring reads it; {@code null} if not given. */
	private static Duration duration(String at, String attribute, long number, String text, Scheduled scheduled,
			StringValueResolver resolver) {
		String resolved = resolve(resolver, text);
		if (number >= 0 && StringUtils.hasLength(resolved)) {
			throw new InvalidResiliencePropertyException(at.formatted(attribute + ", " + attribute + "String"),
					number + " and " + resolved,
					"one of " + attribute + " and " + attribute + "String, as @Scheduled says");
		}
		if (number >= 0) {
			return Duration.of(number, scheduled.timeUnit().toChronoUnit());
		}
		if (!StringUtils.hasLength(resolved)) {
			return null;
		}
		try {
			return DurationFormatterUtils.detectAndParse(resolved.trim(),
					DurationFormat.Unit.fromChronoUnit(scheduled.timeUnit().toChronoUnit()));
		}
		catch (RuntimeException ex) {
			throw new InvalidResiliencePropertyException(at.formatted(attribute + "String"), resolved, DURATION);
		}
	}

	private static String resolve(StringValueResolver resolver, String text) {
		return (resolver != null && StringUtils.hasText(text)) ? resolver.resolveStringValue(text) : text;
	}

}
