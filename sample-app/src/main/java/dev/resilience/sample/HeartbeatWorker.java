package dev.resilience.sample;

import java.util.concurrent.atomic.AtomicLong;

import dev.resilience.worker.SupervisedWorker;

import org.springframework.stereotype.Component;

/**
 * The smallest supervised worker: counts its beats every second.
 */
@Component
public class HeartbeatWorker {

	private final AtomicLong beats = new AtomicLong();

	@SupervisedWorker(name = "heartbeat", interval = "1s")
	public void beat() {
		this.beats.incrementAndGet();
	}

	/** @return the beats so far */
	public long beats() {
		return this.beats.get();
	}

}
