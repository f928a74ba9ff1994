package dev.resilience.autoconfigure.settings;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.resilience.check.DependencyCheck;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata the build generates ({@code META-INF/spring-configuration-metadata.json},
 * from the properties classes and {@code additional-spring-configuration-metadata.json}), read
 * from the class path as an IDE reads it from the jar: the entries that completion relies on.
 */
class ConfigurationMetadataTests {

	private static final Map<String, Object> METADATA = load();

	@Test
	void workersAndChecksAreMapsOfTheirPropertiesTypesWhoseDescriptionsNameEveryKey() {
		Map<String, Object> workers = property("resilience.workers");
		assertThat(workers).containsEntry("type",
				"java.util.Map<java.lang.String," + WorkerProperties.class.getName() + ">");
		assertThat((String) workers.get("description")).contains("keyed by worker name")
			.contains("[brackets]")
			.contains(keysOf(WorkerProperties.class));
		Map<String, Object> checks = property("resilience.checks");
		assertThat(checks).containsEntry("type",
				"java.util.Map<java.lang.String," + CheckProperties.class.getName() + ">");
		assertThat((String) checks.get("description")).contains("DependencyCheck bean's name")
			.contains(keysOf(CheckProperties.class));
	}

	@Test
	void checkKeysAreTheBuiltInDatasourceAndTheDependencyCheckBeans() {
		Map<String, Object> hint = hint("resilience.checks.keys");
		assertThat(list(hint, "values")).extracting((value) -> value.get("value")).containsExactly("datasource");
		assertThat(list(hint, "providers")).singleElement().satisfies((provider) -> {
			assertThat(provider).containsEntry("name", "spring-bean-reference");
			assertThat(provider).containsEntry("parameters", Map.of("target", DependencyCheck.class.getName()));
		});
	}

	/**
	 * Every key of CheckProperties under the known key datasource, with its type and default;
	 * a nested record ({@code passive}) by its own keys.
	 */
	@Test
	void datasourceCheckKeysMatchCheckPropertiesWithTheirDefaults() {
		List<String> expected = new ArrayList<>();
		expectKeys(CheckProperties.class, ResilienceProperties.defaults(CheckProperties.class),
				"resilience.checks.datasource.", expected);
		assertThat(names()).filteredOn((name) -> name.startsWith("resilience.checks.datasource."))
			.containsExactlyInAnyOrderElementsOf(expected);
	}

	private void expectKeys(Class<?> type, Object defaults, String prefix, List<String> expected) {
		for (RecordComponent component : type.getRecordComponents()) {
			String name = prefix + dashed(component.getName());
			if (component.getType().isRecord()) {
				expectKeys(component.getType(), ReflectionUtils.invokeMethod(component.getAccessor(), defaults),
						name + ".", expected);
				continue;
			}
			expected.add(name);
			Map<String, Object> property = property(name);
			assertThat(property).containsEntry("type",
					ClassUtils.resolvePrimitiveIfNecessary(component.getType()).getName());
			assertThat((String) property.get("description")).isNotBlank();
			Object initial = component.getName().equals("alarm") ? "datasource_disconnected"
					: ReflectionUtils.invokeMethod(component.getAccessor(), defaults);
			if (initial == null) {
				assertThat(property).as(name).doesNotContainKey("defaultValue");
			}
			else {
				assertThat(String.valueOf(property.get("defaultValue"))).as(name).isEqualTo(text(initial));
			}
		}
	}

	@Test
	void generatedEntriesCarryDescriptionsAndDefaults() {
		assertThat(property("resilience.enabled")).containsEntry("defaultValue", true);
		assertThat(property("resilience.supervisor.max-restarts")).containsEntry("type", "java.lang.Integer");
		assertThat(String.valueOf(property("resilience.supervisor.max-restarts").get("defaultValue"))).isEqualTo("3");
		assertThat(property("resilience.supervisor.period")).containsEntry("defaultValue", "5s");
		assertThat(property("resilience.alarms.handler-timeout")).containsEntry("defaultValue", "30s");
		assertThat(property("resilience.alarms.webhook.url")).doesNotContainKey("defaultValue");
		assertThat(names()).filteredOn((name) -> name.startsWith("resilience."))
			.allSatisfy((name) -> assertThat((String) property(name).get("description")).as(name).isNotBlank());
	}

	/** The defaults live in the runtime's value types; the metadata, which the build cannot derive, shows them. */
	@Test
	void defaultsShownToIdesAreTheRuntimes() {
		assertThat(String.valueOf(property("resilience.supervisor.max-restarts").get("defaultValue")))
			.isEqualTo(String.valueOf(dev.resilience.supervisor.Intensity.DEFAULT.maxRestarts()));
		assertThat(property("resilience.supervisor.period")).containsEntry("defaultValue",
				Durations.text(dev.resilience.supervisor.Intensity.DEFAULT.period()));
		assertThat(String.valueOf(property("resilience.alarms.history-size").get("defaultValue")))
			.isEqualTo(String.valueOf(dev.resilience.alarm.AlarmsBuilder.DEFAULT_HISTORY_SIZE));
		assertThat(String.valueOf(property("resilience.alarms.handler-queue-capacity").get("defaultValue")))
			.isEqualTo(String.valueOf(dev.resilience.alarm.AlarmsBuilder.DEFAULT_HANDLER_QUEUE_CAPACITY));
		assertThat(property("resilience.alarms.handler-timeout")).containsEntry("defaultValue",
				Durations.text(dev.resilience.alarm.AlarmsBuilder.DEFAULT_HANDLER_TIMEOUT));
	}

	@Test
	void onExhaustedHintsNameEveryPolicy() {
		assertThat(list(hint("resilience.supervisor.on-exhausted"), "values")).extracting((value) -> value.get("value"))
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(OnExhausted.values())
				.map((policy) -> policy.name().toLowerCase())
				.toList());
	}

	private static String text(Object value) {
		if (value instanceof Duration duration) {
			return Durations.text(duration);
		}
		if (value instanceof Enum<?> constant) {
			return constant.name().toLowerCase();
		}
		return String.valueOf(value);
	}

	private static String[] keysOf(Class<?> type) {
		return Arrays.stream(type.getRecordComponents())
			.map((component) -> dashed(component.getName()))
			.toArray(String[]::new);
	}

	private static String dashed(String camelCase) {
		return camelCase.replaceAll("([A-Z])", "-$1").toLowerCase();
	}

	private static List<String> names() {
		return list(METADATA, "properties").stream().map((property) -> (String) property.get("name")).toList();
	}

	private static Map<String, Object> property(String name) {
		return find("properties", name);
	}

	private static Map<String, Object> hint(String name) {
		return find("hints", name);
	}

	private static Map<String, Object> find(String section, String name) {
		List<Map<String, Object>> matches = list(METADATA, section).stream()
			.filter((entry) -> name.equals(entry.get("name")))
			.toList();
		assertThat(matches).as("%s named %s", section, name).hasSize(1);
		return matches.get(0);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
		Object value = map.get(key);
		return (value != null) ? (List<Map<String, Object>>) value : Collections.emptyList();
	}

	/** The metadata of this module: the file on the class path whose groups include resilience. */
	private static Map<String, Object> load() {
		try {
			Map<String, Map<String, Object>> found = new LinkedHashMap<>();
			for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream in = url.openStream()) {
					Map<String, Object> metadata = JsonParserFactory.getJsonParser()
						.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
					if (list(metadata, "groups").stream().anyMatch((group) -> "resilience".equals(group.get("name")))) {
						found.put(url.toString(), metadata);
					}
				}
			}
			assertThat(found).as("metadata files declaring the resilience group").hasSize(1);
			return found.values().iterator().next();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
