package dev.resilience.autoconfigure.settings;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.resilience.autoconfigure.ResilienceAutoConfiguration;
import dev.resilience.autoconfigure.worker.SupervisedWorkerConfiguration;
import dev.resilience.runtime.RunThreads;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deprecation policy (README, "Versioning and deprecation") on its one alias so far:
 * {@code resilience.scheduler.threads}, the old name of {@code resilience.scheduler.pool-size}. The
 * old key still binds, start-up accepts it, and the generated configuration metadata marks it
 * deprecated with its replacement, which is what makes IDEs strike it through.
 */
class DeprecatedKeysTests {

	private static final String OLD_KEY = "resilience.scheduler.threads";

	private static final String NEW_KEY = "resilience.scheduler.pool-size";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResilienceAutoConfiguration.class));

	@Test
	void oldKeyStillSetsTheSchedulersPoolSize() {
		this.runner.withPropertyValues(OLD_KEY + "=7").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ResilienceProperties.class).scheduler().poolSize()).isEqualTo(7);
			RunThreads runThreads = context.getBean(SupervisedWorkerConfiguration.RUN_THREADS_BEAN_NAME,
					RunThreads.class);
			assertThat(runThreads.idleThreads()).isEqualTo(7);
		});
	}

	@Test
	@SuppressWarnings("removal")
	void newKeySetsThePoolSizeAsBefore() {
		this.runner.withPropertyValues(NEW_KEY + "=5").run((context) -> {
			assertThat(context.getBean(ResilienceProperties.class).scheduler().poolSize()).isEqualTo(5);
			assertThat(context.getBean(ResilienceProperties.class).scheduler().threads()).isEqualTo(5);
		});
	}

	@Test
	void generatedMetadataMarksTheOldKeyDeprecatedWithItsReplacement() {
		Map<String, Object> old = property(OLD_KEY);
		assertThat(old).containsEntry("type", "java.lang.Integer").containsEntry("deprecated", true);
		assertThat(old.get("deprecation")).isInstanceOfSatisfying(Map.class, (deprecation) -> {
			assertThat(deprecation).containsEntry("replacement", NEW_KEY).containsEntry("since", "0.1.0");
			// warning, the format's default: the key still works, which is what the policy promises
			assertThat(deprecation.getOrDefault("level", "warning")).isEqualTo("warning");
			assertThat((String) deprecation.get("reason")).contains("pool-size");
		});
		assertThat((String) old.get("description")).contains("pool-size");
		assertThat(property(NEW_KEY)).doesNotContainKeys("deprecated", "deprecation");
	}

	/** The one entry of that name in this module's generated metadata. */
	private static Map<String, Object> property(String name) {
		List<Map<String, Object>> matches = new ArrayList<>();
		for (Map<String, Object> metadata : metadataFiles()) {
			for (Map<String, Object> property : list(metadata, "properties")) {
				if (name.equals(property.get("name"))) {
					matches.add(property);
				}
			}
		}
		assertThat(matches).as("metadata entries named %s", name).hasSize(1);
		return matches.get(0);
	}

	private static List<Map<String, Object>> metadataFiles() {
		List<Map<String, Object>> files = new ArrayList<>();
		try {
			for (URL url : Collections.list(DeprecatedKeysTests.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream in = url.openStream()) {
					files.add(JsonParserFactory.getJsonParser()
						.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return files;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
		Object value = map.get(key);
		return (value != null) ? (List<Map<String, Object>>) value : Collections.emptyList();
	}

}
