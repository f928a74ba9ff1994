package dev.resilience.autoconfigure.aot;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.lang.invoke.MethodHandles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;

/**
 * Runs Spring AOT on a context, compiles the sources it generates with the JDK's compiler and
 * defines the classes in the packages they were generated for (beside the classes whose
 * package-private members they call), as Spring's {@code TestCompiler} does; that one lives in
 * {@code spring-core-test}, which the registry this project builds from does not serve. The
 * classes are defined in the test class loader for the rest of the JVM's life, so each target
 * may be processed once per JVM.
 */
final class AotTestCompiler {

	private AotTestCompiler() {
	}

	/**
	 * Processes a context ahead of time, as {@code process-aot} does for an application.
	 * @param context the context, registered but not refreshed
	 * @param target the class the generated initializer is named after
	 * @param workDirectory where sources and classes are written
	 * @return the hints and the generated initializer
	 * @throws Exception if generation, compilation or loading fails
	 */
	static Processed process(GenericApplicationContext context, Class<?> target, Path workDirectory)
			throws Exception {
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(target)), files);
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		generation.writeGeneratedContent();
		Path sources = workDirectory.resolve("sources");
		Path classes = workDirectory.resolve("classes");
		write(files.getGeneratedFiles(Kind.SOURCE), sources);
		write(files.getGeneratedFiles(Kind.CLASS), classes);
		List<String> definedFirst = classNames(classes);
		compile(sources, classes);
		for (String name : definedFirst) {
			define(name, classes);
		}
		for (String name : classNames(classes)) {
			if (!definedFirst.contains(name)) {
				define(name, classes);
			}
		}
		@SuppressWarnings("unchecked")
		ApplicationContextInitializer<GenericApplicationContext> instance = (ApplicationContextInitializer<GenericApplicationContext>) Class
			.forName(initializer.reflectionName())
			.getDeclaredConstructor()
			.newInstance();
		return new Processed(generation.getRuntimeHints(), instance);
	}

	private static void write(Map<String, InputStreamSource> files, Path directory) throws IOException {
		for (Map.Entry<String, InputStreamSource> file : files.entrySet()) {
			Path path = directory.resolve(file.getKey());
			Files.createDirectories(path.getParent());
			try (InputStream in = file.getValue().getInputStream()) {
				Files.write(path, in.readAllBytes());
			}
		}
	}

	private static void compile(Path sources, Path classes) throws IOException {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<File> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(sources)) {
			walk.filter((path) -> path.toString().endsWith(".java")).forEach((path) -> files.add(path.toFile()));
		}
		// Surefire starts tests with a manifest-only jar on java.class.path; it gives the real path here
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		StringWriter errors = new StringWriter();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
			List<String> options = List.of("-d", classes.toString(), "-proc:none", "-parameters", "-classpath",
					classPath + File.pathSeparator + classes);
			boolean compiled = compiler
				.getTask(errors, fileManager, null, options, null, fileManager.getJavaFileObjectsFromFiles(files))
				.call();
			if (!compiled) {
				throw new IllegalStateException("Generated sources do not compile:\n" + errors);
			}
		}
	}

	private static List<String> classNames(Path classes) throws IOException {
		if (!Files.isDirectory(classes)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(classes)) {
			return walk.filter((path) -> path.toString().endsWith(".class"))
				.map((path) -> classes.relativize(path).toString().replace(File.separatorChar, '.'))
				.map((name) -> name.substring(0, name.length() - ".class".length()))
				.sorted()
				.toList();
		}
	}

	/** Defines a generated class beside the class it was generated for ({@code Foo__X}, {@code Foo$$X}). */
	private static void define(String name, Path classes) throws Exception {
		int generatedPart = Stream.of(name.indexOf("__"), name.indexOf("$$"))
			.filter((index) -> index > 0)
			.min(Integer::compare)
			.orElseThrow(() -> new IllegalStateException("Not a generated class name: " + name));
		Class<?> anchor = Class.forName(name.substring(0, generatedPart));
		byte[] bytes = Files.readAllBytes(classes.resolve(name.replace('.', File.separatorChar) + ".class"));
		MethodHandles.privateLookupIn(anchor, MethodHandles.lookup()).defineClass(bytes);
	}

	/**
	 * What AOT processing produced.
	 *
	 * @param hints the runtime hints registered while processing
	 * @param initializer the generated initializer, which registers the bean definitions
	 */
	record Processed(RuntimeHints hints, ApplicationContextInitializer<GenericApplicationContext> initializer) {
	}

}
