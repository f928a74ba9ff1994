package dev.resilience.autoconfigure.health;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * A health indicator whose health the test sets: a stand-in for the starter's {@code alarms} and
 * {@code checks} contributors. UP until set.
 */
final class StandInHealthIndicator implements HealthIndicator {

	private final AtomicReference<Health> health = new AtomicReference<>(Health.up().build());

	void set(Status status) {
		set(Health.status(status).build());
	}

	void set(Health health) {
		this.health.set(health);
	}

	@Override
	public Health health() {
		return this.health.get();
	}

}
