package dev.resilience.autoconfigure.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.autoconfigure.settings.KnownResilienceKeys.Kind;
import dev.resilience.autoconfigure.settings.KnownResilienceKeys.Unknown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The tree of known keys, derived by reflection.
 */
class KnownResilienceKeysTests {

	private final KnownResilienceKeys keys = new KnownResilienceKeys();

	@ParameterizedTest
	@ValueSource(strings = { "resilience", "resilience.enabled", "resilience.supervisor",
			"resilience.supervisor.max-restarts", "resilience.supervisor.maxRestarts",
			"resilience.supervisor.max_restarts", "Resilience.Supervisor.On-Exhausted",
			"resilience.scheduler.pool-size", "resilience.scheduled.supervise", "resilience.alarms.history-size", "resilience.alarms.webhook.max-retries",
			"resilience.alarms.webhook.url", "resilience.workers", "resilience.workers.payments",
			"resilience.workers.payments.initial-delay", "resilience.workers[my.worker].alarm-severity",
			"resilience.checks.datasource.passing-checks", "resilience.checks.anything.enabled",
			"resilience.logging.crash-summary-interval", "resilience.logging.crashSummaryInterval",
			"resilience.ui.enabled", "resilience.ui.path", "resilience.alarms.rules[*_crashing].debounce",
			"resilience.alarms.rules.payments_crashing.hold", "resilience.alarms.rules[my worker_stale].hold" })
	void knowsTheKeysOfTheProperties(String key) {
		assertThat(this.keys.isKnown(name(key))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "resilience.enable", "resilience.workres.hang.timeout",
			"resilience.supervisor.max-restart", "resilience.workers.ok.intervall",
			"resilience.checks.datasource.passing-check", "resilience.enabled.really",
			"resilience.alarms.webhook.url.host", "resilience.workers.ok.interval.x", "spring.application.name",
			"resiliencex.enabled", "resilience.alarms.rules[*_crashing].debouce",
			"resilience.alarms.rules[*_crashing].hold.x" })
	void knowsNoOtherKeys(String key) {
		assertThat(this.keys.isKnown(name(key))).isFalse();
	}

	@Test
	void tellsWhereANameLeavesTheKnownKeys() {
		Unknown unknown = this.keys.find(name("resilience.workers.ok.intervall")).orElseThrow();
		assertThat(unknown.element()).isEqualTo(3);
		assertThat(unknown.level()).isEqualTo(Kind.GROUP);
		assertThat(unknown.knownKeys()).containsExactly("alarm-after-failures", "alarm-failure-rate", "alarm-severity",
				"alarm-window", "backoff",
				"cluster-singleton", "cron", "depends-on", "enabled", "fixed-rate", "initial-delay", "interval",
				"max-restarts", "period", "shutdown-timeout", "stale-after", "stale-severity", "timeout", "zone");
		assertThat(this.keys.find(name("resilience.supervisor.period.x")).orElseThrow().level()).isEqualTo(Kind.LEAF);
	}

	@Test
	void followsDeclaredTypesWhereverTheyAreDeclared() {
		KnownResilienceKeys custom = new KnownResilienceKeys(Root.class, "custom.app", List.of());
		assertThat(custom.isKnown(name("custom.app.size"))).isTrue();
		assertThat(custom.isKnown(name("custom.app.size.bytes"))).isFalse();
		assertThat(custom.isKnown(name("custom.app.hosts"))).isTrue();
		assertThat(custom.isKnown(name("custom.app.hosts[0]"))).isTrue();
		assertThat(custom.isKnown(name("custom.app.hosts[0].x"))).isFalse();
		assertThat(custom.isKnown(name("custom.app.hosts.name"))).isFalse();
		assertThat(custom.find(name("custom.app.hosts.name")).orElseThrow().level()).isEqualTo(Kind.LIST);
		assertThat(custom.isKnown(name("custom.app.targets[1].port"))).isTrue();
		assertThat(custom.isKnown(name("custom.app.targets[1].prot"))).isFalse();
		assertThat(custom.isKnown(name("custom.app.labels.team.name"))).isTrue();
		assertThat(custom.isKnown(name("custom.app.zones.eu.west.port"))).isTrue();
		assertThat(custom.isKnown(name("custom.app.zones.eu.west.prot"))).isFalse();
		assertThat(custom.isKnown(name("custom.app.limits.max-wait"))).isTrue();
		assertThat(custom.isKnown(name("custom.app.limits.wait"))).isFalse();
		assertThat(custom.isKnown(name("custom.app.self.self.self.size"))).isTrue();
		assertThat(custom.isKnown(name("custom.app.self.self.sise"))).isFalse();
		assertThat(custom.isKnown(name("custom.app.computed"))).isTrue();
	}

	@Test
	void knowsEveryKeyBelowAnExtraPrefix() {
		KnownResilienceKeys extended = new KnownResilienceKeys(
				List.of("resilience.dashboard", "resilience.alarms.sms.gateway"));
		assertThat(extended.isKnown(name("resilience.dashboard"))).isTrue();
		assertThat(extended.isKnown(name("resilience.dashboard.theme.colour"))).isTrue();
		assertThat(extended.isKnown(name("resilience.alarms.sms.gateway.url"))).isTrue();
		assertThat(extended.isKnown(name("resilience.alarms.sms.other"))).isFalse();
		assertThat(extended.isKnown(name("resilience.alarms.history-size"))).isTrue();
		assertThat(extended.isKnown(name("resilience.alarms.history-sise"))).isFalse();
		assertThat(extended.find(name("resilience.dashbord")).orElseThrow().knownKeys()).contains("dashboard", "workers");
		assertThat(this.keys.isKnown(name("resilience.dashboard"))).isFalse();
	}

	@Test
	void extendsOnlyGroupsBelowThePrefix() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KnownResilienceKeys(List.of("spring.ui")));
		assertThatIllegalArgumentException().isThrownBy(() -> new KnownResilienceKeys(List.of("resilience")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KnownResilienceKeys(List.of("resilience.workers.ok.ui")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new KnownResilienceKeys(List.of("resilience.enabled.when")));
	}

	private static ConfigurationPropertyName name(String key) {
		return ConfigurationPropertyName.adapt(key, '.');
	}

	/** Types in all the shapes the reflection follows. */
	public static class Root {

		private DataSize size;

		private final List<String> hosts = new ArrayList<>();

		private final List<Target> targets = new ArrayList<>();

		private final Map<String, String> labels = new LinkedHashMap<>();

		private final Map<String, Map<String, Target>> zones = new LinkedHashMap<>();

		private Limits limits;

		private Root self;

		public DataSize getSize() {
			return this.size;
		}

		public void setSize(DataSize size) {
			this.size = size;
		}

		public List<String> getHosts() {
			return this.hosts;
		}

		public List<Target> getTargets() {
			return this.targets;
		}

		public Map<String, String> getLabels() {
			return this.labels;
		}

		public Map<String, Map<String, Target>> getZones() {
			return this.zones;
		}

		public Limits getLimits() {
			return this.limits;
		}

		public void setLimits(Limits limits) {
			this.limits = limits;
		}

		public Root getSelf() {
			return this.self;
		}

		public void setSelf(Root self) {
			this.self = self;
		}

		public int getComputed() {
			return 1;
		}

	}

	/** A group in a list and in a map of maps. */
	public static class Target {

		private int port;

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			this.port = port;
		}

	}

	/**
	 * A record, bound through its constructor.
	 * @param maxWait the longest wait
	 */
	public record Limits(Duration maxWait) {

	}

}
