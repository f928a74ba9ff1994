package dev.resilience.autoconfigure.worker;

import java.util.function.IntConsumer;

import dev.resilience.autoconfigure.settings.OnExhausted;
import dev.resilience.event.SupervisionExhaustedEvent;
import dev.resilience.supervisor.Exit;
import dev.resilience.supervisor.ExitHandler;
import dev.resilience.supervisor.Intensity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the application does when the root supervisor gives up
 * ({@code resilience.supervisor.on-exhausted}): publishes a {@link SupervisionExhaustedEvent},
 * then turns liveness BROKEN, shuts the application down with exit status 1, or only logs.
 *
 * @since 0.1.0
 */
public class OnExhaustedPolicy implements ExitHandler {

	private static final Logger logger = LoggerFactory.getLogger(OnExhaustedPolicy.class);

	private final OnExhausted policy;

	private final Intensity intensity;

	private final ConfigurableApplicationContext context;

	private IntConsumer exit = System::exit;

	/**
	 * @param policy what to do
	 * @param intensity the root supervisor's intensity, for the log line and the event
	 * @param context the application context
	 */
	public OnExhaustedPolicy(OnExhausted policy, Intensity intensity, ConfigurableApplicationContext context) {
		this.policy = policy;
		this.intensity = intensity;
		this.context = context;
	}

	@Override
	public void exited(Exit exit) {
		this.context.publishEvent(new SupervisionExhaustedEvent(this.intensity, exit.cause()));
		switch (this.policy) {
			case LIVENESS -> {
				logger.error("Root supervisor gave up (more than {}); liveness is now BROKEN", this.intensity);
				AvailabilityChangeEvent.publish(this.context, LivenessState.BROKEN);
			}
			case SHUTDOWN -> {
				logger.error("Root supervisor gave up (more than {}); shutting the application down", this.intensity);
				Thread exiter = new Thread(() -> this.exit.accept(SpringApplication.exit(this.context, () -> 1)),
						"resilience-shutdown");
				exiter.start();
			}
			case LOG -> logger.error("Root supervisor gave up (more than {}); its workers stay stopped",
					this.intensity);
		}
	}

	/**
	 * Replaces how the JVM exits under {@code on-exhausted: shutdown}, for tests.
	 * @param exit receives the exit code after the context closed
	 */
	void setExit(IntConsumer exit) {
		this.exit = exit;
	}

}
