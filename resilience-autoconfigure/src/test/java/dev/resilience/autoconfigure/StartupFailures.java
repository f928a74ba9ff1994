package dev.resilience.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure analysis Spring Boot prints for a context that failed to start: every
 * {@link FailureAnalyzer} of {@code META-INF/spring.factories} (the starter's and Spring Boot's),
 * in order, the first that answers, as {@code SpringApplication} runs them. Add it to a runner
 * with {@code withInitializer}, so it sees the context's environment.
 */
public final class StartupFailures implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private ConfigurableApplicationContext context;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * @param context a context that failed to start
	 * @return the analysis Spring Boot would print
	 */
	public FailureAnalysis analyze(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		return analyze(context.getStartupFailure());
	}

	/**
	 * @param failure why a context this initializer saw failed to start
	 * @return the analysis Spring Boot would print, description and action in one text
	 */
	public String text(Throwable failure) {
		FailureAnalysis analysis = analyze(failure);
		return analysis.getDescription() + "\n" + analysis.getAction();
	}

	/**
	 * @param failure why a context this initializer saw failed to start
	 * @return the analysis Spring Boot would print
	 */
	public FailureAnalysis analyze(Throwable failure) {
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, this.context.getBeanFactory())
			.and(Environment.class, this.context.getEnvironment());
		for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, arguments, FailureHandler.handleMessage((message, ex) -> {
			// as SpringApplication does: an analyzer whose classes are missing is left out
		}))) {
			FailureAnalysis analysis = analyzer.analyze(failure);
			if (analysis != null) {
				return analysis;
			}
		}
		throw new AssertionError("no failure analysis of " + failure, failure);
	}

}
