package dev.resilience.autoconfigure.health;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class StatusDefaultsTests {

	private static final Status DEGRADED = ResilienceStatus.DEGRADED;

	@Test
	void bootsDefaultAggregatorReportsALoneDegradedAsUnknown() {
		// the pitfall this package exists for: Boot ignores a status its order does not list
		assertThat(StatusAggregator.getDefault().getAggregateStatus(DEGRADED)).isEqualTo(Status.UNKNOWN);
		assertThat(StatusAggregator.getDefault().getAggregateStatus(DEGRADED, Status.UP)).isEqualTo(Status.UP);
	}

	@Test
	void defaultOrderRanksDegradedBetweenOutOfServiceAndUp() {
		StatusAggregator aggregator = StatusDefaults.aggregator(List.of());
		assertThat(aggregator.getAggregateStatus(DEGRADED)).isEqualTo(DEGRADED);
		assertThat(aggregator.getAggregateStatus(DEGRADED, Status.UP, Status.UNKNOWN)).isEqualTo(DEGRADED);
		assertThat(aggregator.getAggregateStatus(DEGRADED, Status.OUT_OF_SERVICE)).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(aggregator.getAggregateStatus(DEGRADED, Status.DOWN)).isEqualTo(Status.DOWN);
	}

	@Test
	void configuredOrderIsUsedAsWritten() {
		StatusAggregator aggregator = StatusDefaults.aggregator(List.of("up", "degraded", "down"));
		assertThat(aggregator.getAggregateStatus(DEGRADED, Status.UP)).isEqualTo(Status.UP);
		assertThat(aggregator.getAggregateStatus(DEGRADED, Status.DOWN)).isEqualTo(DEGRADED);
		assertThat(StatusDefaults.aggregator(List.of("down", "up")).getAggregateStatus(DEGRADED))
			.isEqualTo(Status.UNKNOWN);
	}

	@Test
	void defaultMappingAnswers503ForDownOutOfServiceAndDegraded() {
		HttpCodeStatusMapper mapper = StatusDefaults.mapper(Map.of());
		assertThat(mapper.getStatusCode(Status.DOWN)).isEqualTo(503);
		assertThat(mapper.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
		assertThat(mapper.getStatusCode(DEGRADED)).isEqualTo(503);
		assertThat(mapper.getStatusCode(Status.UP)).isEqualTo(200);
		assertThat(mapper.getStatusCode(Status.UNKNOWN)).isEqualTo(200);
		assertThat(mapper.getStatusCode(new Status("FATAL"))).isEqualTo(200);
	}

	@Test
	void configuredEntryChangesOnlyItsOwnStatus() {
		HttpCodeStatusMapper mapper = StatusDefaults.mapper(Map.of("down", 500, "fatal", 500));
		assertThat(mapper.getStatusCode(Status.DOWN)).isEqualTo(500);
		assertThat(mapper.getStatusCode(new Status("FATAL"))).isEqualTo(500);
		assertThat(mapper.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
		assertThat(mapper.getStatusCode(DEGRADED)).isEqualTo(503);
		assertThat(mapper.getStatusCode(Status.UP)).isEqualTo(200);
	}

	@Test
	void configuredCodesCompareAsBootComparesThem() {
		HttpCodeStatusMapper mapper = StatusDefaults.mapper(Map.of("Out-Of-Service", 200, "degraded", 429));
		assertThat(mapper.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(200);
		assertThat(mapper.getStatusCode(DEGRADED)).isEqualTo(429);
		assertThat(StatusDefaults.ranksDegraded(List.of("down", "De-Graded", "up"))).isTrue();
		assertThat(StatusDefaults.ranksDegraded(List.of("down", "up"))).isFalse();
	}

}
