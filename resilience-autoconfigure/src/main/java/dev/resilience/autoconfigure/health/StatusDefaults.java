package dev.resilience.autoconfigure.health;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;

/**
 * The status order and HTTP mapping in effect for what the user configured, with
 * {@link ResilienceStatus#DEGRADED} known to both.
 * <ul>
 * <li>Order: a configured order is used as written (it is the user's ranking); none gives
 * {@link ResilienceStatus#DEFAULT_ORDER}.</li>
 * <li>HTTP mapping: every configured entry wins for its status; {@code DOWN},
 * {@code OUT_OF_SERVICE} and {@code DEGRADED} keep 503 unless an entry names them; every other
 * status maps to 200.</li>
 * </ul>
 * Status codes compare as Boot compares them: letters and digits only, case ignored
 * ({@code out-of-service} names {@code OUT_OF_SERVICE}).
 *
 * <p>The aggregator and the mapper are our own small implementations of Boot's two interfaces,
 * with the behaviour of Boot's {@code SimpleStatusAggregator} and {@code SimpleHttpCodeStatusMapper}
 * (a status the order does not list is ignored; an unmapped status answers 200): Spring Boot 4.0
 * has no {@code StatusAggregator.of} or {@code HttpCodeStatusMapper.of}, and 4.1 deprecates the
 * two classes, so this works on both.
 */
final class StatusDefaults {

	private static final Map<String, Integer> DEFAULT_HTTP_MAPPING = Map.of(
			Status.DOWN.getCode(), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE,
			Status.OUT_OF_SERVICE.getCode(), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE,
			ResilienceStatus.DEGRADED.getCode(), WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);

	private StatusDefaults() {
	}

	static StatusAggregator aggregator(List<String> configuredOrder) {
		List<String> order = configuredOrder.isEmpty()
				? ResilienceStatus.DEFAULT_ORDER.stream().map(Status::getCode).map(StatusDefaults::uniform).toList()
				: configuredOrder.stream().map(StatusDefaults::uniform).toList();
		Comparator<Status> byOrder = Comparator.comparingInt((status) -> order.indexOf(uniform(status.getCode())));
		return (statuses) -> statuses.stream()
			.filter((status) -> order.contains(uniform(status.getCode())))
			.min(byOrder)
			.orElse(Status.UNKNOWN);
	}

	static HttpCodeStatusMapper mapper(Map<String, Integer> configuredMapping) {
		Map<String, Integer> mapping = new LinkedHashMap<>();
		configuredMapping.forEach((code, httpStatus) -> mapping.put(uniform(code), httpStatus));
		DEFAULT_HTTP_MAPPING.forEach((code, httpStatus) -> mapping.putIfAbsent(uniform(code), httpStatus));
		return (status) -> mapping.getOrDefault(uniform(status.getCode()), WebEndpointResponse.STATUS_OK);
	}

	static boolean ranksDegraded(List<String> order) {
		String degraded = uniform(ResilienceStatus.DEGRADED.getCode());
		return order.stream().map(StatusDefaults::uniform).anyMatch(degraded::equals);
	}

	private static String uniform(String code) {
		StringBuilder uniform = new StringBuilder(code.length());
		code.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase)
			.forEach(uniform::appendCodePoint);
		return uniform.toString();
	}

}
