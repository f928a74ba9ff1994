package dev.resilience.readme;

import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import dev.resilience.metrics.AlarmActiveGauges;
import dev.resilience.metrics.AlarmGauges;
import dev.resilience.metrics.AlarmMetrics;
import dev.resilience.metrics.CheckMetrics;
import dev.resilience.metrics.WorkerGauges;
import dev.resilience.metrics.WorkerMetrics;
import dev.resilience.metrics.WorkerObservations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the pages under {@code docs/} checked as a newcomer would use them: every Java
 * snippet compiles against this module's test class path (so its imports resolve), no link leaves
 * the repository, and every {@code resilience.*} key and meter named exists.
 *
 * <p>Rules: a {@code java} block is compiled as a file, else as the body of a class, else as the
 * body of a method; a block right below {@code <!-- readme-check: not compiled (...) -->} needs a
 * library this module does not have (Spring Security) and is skipped. Links may point to files of
 * the repository, anchors, and {@code localhost}; nothing else. Keys are checked with
 * {@link BoundKeys}, the keys start-up accepts; meters against the name constants of
 * {@code dev.resilience.metrics}.
 */
class ReadmeTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern JAVA = Pattern.compile("(?ms)^```java\\n(.*?)^```");

	private static final Pattern YAML = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)|<(https?://[^>]+)>");

	private static final Pattern NAME = Pattern.compile("`(resilience\\.[^`]*)`");

	private static final String SKIP = "<!-- readme-check: not compiled";

	/** Meters the pages name as gone or filtered out, which {@link #meters()} cannot list. */
	private static final Set<String> RETIRED = Set.of("resilience.worker.run.duration", "resilience.worker.run.active");

	@Test
	void everyJavaSnippetCompiles(@TempDir Path out) throws IOException {
		int compiled = 0;
		for (Path page : pages()) {
			String text = Files.readString(page);
			Matcher block = JAVA.matcher(text);
			while (block.find()) {
				String before = text.substring(Math.max(0, block.start() - 200), block.start());
				if (before.contains(SKIP) && before.lastIndexOf(SKIP) > before.lastIndexOf("```")) {
					continue;
				}
				String line = page.getFileName() + ":" + (text.substring(0, block.start()).split("\n").length + 1);
				assertThat(compiles(block.group(1), out)).as("the java block at %s", line).isEmpty();
				compiled++;
			}
		}
		assertThat(compiled).isGreaterThanOrEqualTo(8);
	}

	@Test
	void noLinkLeavesTheRepository() throws IOException {
		for (Path page : pages()) {
			// code is not a link: fenced blocks and `spans` are dropped first
			String prose = Files.readString(page).replaceAll("(?ms)^```.*?^```", "").replaceAll("`[^`\n]*`", "");
			Matcher link = LINK.matcher(prose);
			while (link.find()) {
				String target = (link.group(1) != null) ? link.group(1) : link.group(2);
				if (target.startsWith("#")) {
					assertThat(anchors(page)).as("anchor %s in %s", target, page).contains(target.substring(1));
					continue;
				}
				if (target.startsWith("http://") || target.startsWith("https://")) {
					assertThat(URI.create(target).getHost()).as("link %s in %s", target, page).isEqualTo("localhost");
					continue;
				}
				Path file = page.getParent().resolve(target.replaceAll("#.*", "")).normalize();
				assertThat(file).as("link %s in %s", target, page).startsWith(ROOT).exists();
			}
		}
	}

	@Test
	void everyKeyAndMeterNamedExists() throws Exception {
		Set<String> meters = meters();
		Set<String> unknown = new TreeSet<>();
		for (Path page : pages()) {
			String text = Files.readString(page);
			Matcher name = NAME.matcher(text);
			while (name.find()) {
				for (String key : normalize(name.group(1))) {
					if (!meters.contains(key) && !RETIRED.contains(key) && !BoundKeys.isKnown(ConfigurationPropertyName.of(key))) {
						unknown.add(name.group(1) + " (" + page.getFileName() + ")");
					}
				}
			}
			Matcher yaml = YAML.matcher(text);
			while (yaml.find()) {
				Object document = new Yaml().load(yaml.group(1));
				if (document instanceof Map<?, ?> map && map.get("resilience") != null) {
					flatten("resilience", map.get("resilience"), (key) -> {
						if (!BoundKeys.isKnown(ConfigurationPropertyName.adapt(key, '.'))) {
							unknown.add(key + " (yaml in " + page.getFileName() + ")");
						}
					});
				}
			}
		}
		assertThat(unknown).isEmpty();
		assertThat(BoundKeys.isKnown(ConfigurationPropertyName.of("resilience.workers.payments.interval"))).isTrue();
		assertThat(BoundKeys.isKnown(ConfigurationPropertyName.of("resilience.workers.payments.intervall"))).isFalse();
		assertThat(meters).contains("resilience.worker.runs", "resilience.supervisor.escalations");
	}

	/** @return the anchors GitHub gives the page's headings: lower case, punctuation dropped, spaces as '-' */
	private static Set<String> anchors(Path page) throws IOException {
		Set<String> anchors = new TreeSet<>();
		for (String line : Files.readAllLines(page)) {
			if (line.startsWith("#")) {
				anchors.add(line.replaceAll("^#+\\s*", "").toLowerCase().replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
			}
		}
		return anchors;
	}

	private static List<Path> pages() throws IOException {
		List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
		}
		return pages;
	}

	/** A name as written (with placeholders, brackets, a value or {a, b}) as the keys it stands for. */
	static List<String> normalize(String written) {
		String name = written.replaceAll("[=:].*$", "").trim();
		name = name.replaceAll("<[^>]+>", "x").replaceAll("\"\\[[^\\]]+\\]\"", "x").replaceAll("\\[[^\\]]+\\]", ".x");
		name = name.replaceAll("\\.\\*\\.", ".x.").replaceAll("\\.\\*$", "").replaceAll("\\.$", "");
		Matcher alternatives = Pattern.compile("^(.*)\\.\\{([^}]*)\\}$").matcher(name);
		if (alternatives.matches()) {
			List<String> names = new ArrayList<>();
			for (String leaf : alternatives.group(2).split(",")) {
				names.add(alternatives.group(1) + "." + leaf.trim());
			}
			return names;
		}
		return List.of(name.replaceAll("\\s.*$", ""));
	}

	private static void flatten(String prefix, Object value, java.util.function.Consumer<String> keys) {
		if (value instanceof Map<?, ?> map && !map.isEmpty()) {
			map.forEach((key, child) -> {
				String name = String.valueOf(key);
				flatten(prefix + "." + (name.matches("[a-z0-9-]+") ? name : "[" + name.replaceAll("^\\[|\\]$", "") + "]"),
						child, keys);
			});
		}
		else {
			keys.accept(prefix);
		}
	}

	/** The meter and observation names: every name constant of the starter's meter classes. */
	private static Set<String> meters() throws IllegalAccessException {
		Set<String> names = new TreeSet<>();
		for (Class<?> type : List.of(WorkerMetrics.class, WorkerGauges.class, WorkerObservations.class,
				AlarmMetrics.class, AlarmGauges.class, AlarmActiveGauges.class, CheckMetrics.class)) {
			for (Field field : type.getFields()) {
				if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
						&& String.valueOf(field.get(null)).startsWith("resilience.")) {
					names.add((String) field.get(null));
				}
			}
		}
		return names;
	}

	/** @return the compiler's errors of the snippet's best wrapping, empty when one compiles */
	private static String compiles(String snippet, Path out) {
		StringBuilder imports = new StringBuilder();
		StringBuilder body = new StringBuilder();
		for (String line : snippet.split("\n")) {
			if (line.startsWith("import ")) {
				imports.append(line).append('\n');
			}
			else if (!line.startsWith("package ")) {
				body.append(line).append('\n');
			}
		}
		String errors = "";
		for (String source : List.of(imports + "\n" + body,
				imports + "\nclass Snippet {\n" + body + "\n}\n",
				imports + "\nclass Snippet {\nvoid snippet() throws Exception {\n" + body + "\n}\n}\n")) {
			errors = compile(source, out);
			if (errors.isEmpty()) {
				return "";
			}
		}
		return errors;
	}

	private static String compile(String source, Path out) {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		String name = source.contains("public class ") ? source.replaceAll("(?s).*public class (\\w+).*", "$1") : "Snippet";
		JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + name + ".java"),
				JavaFileObject.Kind.SOURCE) {
			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return source;
			}
		};
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		StringWriter errors = new StringWriter();
		boolean ok = compiler.getTask(errors, null, null,
				List.of("-d", out.toString(), "-proc:none", "-classpath", classPath), null, List.of(file)).call();
		return ok ? "" : errors.toString();
	}

}
