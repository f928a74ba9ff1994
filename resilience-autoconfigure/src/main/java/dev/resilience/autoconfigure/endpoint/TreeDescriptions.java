package dev.resilience.autoconfigure.endpoint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

import dev.resilience.autoconfigure.endpoint.SupervisorsEndpoint.FailureDescriptor;
import dev.resilience.autoconfigure.endpoint.SupervisorsEndpoint.IntensityDescriptor;
import dev.resilience.autoconfigure.endpoint.SupervisorsEndpoint.LastRunDescriptor;
import dev.resilience.autoconfigure.endpoint.SupervisorsEndpoint.SingletonDescriptor;
import dev.resilience.autoconfigure.endpoint.SupervisorsEndpoint.SupervisorDescriptor;
import dev.resilience.autoconfigure.endpoint.SupervisorsEndpoint.WorkerDescriptor;
import dev.resilience.autoconfigure.settings.Durations;
import dev.resilience.tree.SupervisorInfo;
import dev.resilience.tree.TreeSnapshot;
import dev.resilience.tree.WorkerSnapshot;
import dev.resilience.worker.Backoff;
import dev.resilience.worker.Schedule;
import dev.resilience.worker.WorkerRuns;

/**
 * The tree's snapshot as the {@code supervisors} endpoint describes it, with or without details
 * (exception messages, the lock holder's identity).
 */
final class TreeDescriptions {

	private TreeDescriptions() {
	}

	static SupervisorDescriptor describe(TreeSnapshot snapshot, boolean details) {
		List<Object> branches = snapshot.supervisors()
			.stream()
			.map((branch) -> (Object) describe(branch.supervisor(),
					branch.workers().stream().map((worker) -> (Object) describe(worker, details)).toList()))
			.toList();
		return describe(snapshot.root(), branches);
	}

	private static SupervisorDescriptor describe(SupervisorInfo supervisor, List<Object> children) {
		IntensityDescriptor intensity = (supervisor.intensity() != null) ? new IntensityDescriptor(
				supervisor.intensity().maxRestarts(), text(supervisor.intensity().period())) : null;
		return new SupervisorDescriptor(supervisor.id(), supervisor.strategy().name(), supervisor.state().name(),
				intensity, supervisor.restartsInWindow(), children);
	}

	private static WorkerDescriptor describe(WorkerSnapshot worker, boolean details) {
		WorkerRuns.Failure failure = worker.lastFailure();
		WorkerRuns.LastRun lastRun = worker.lastRun();
		WorkerSnapshot.Lock lock = worker.lock();
		FailureDescriptor lastFailure = (failure != null)
				? new FailureDescriptor(failure.type(), details ? failure.message() : null, failure.at().toString())
				: null;
		return new WorkerDescriptor(worker.name(), worker.kind().name(), worker.state().name(),
				worker.runInProgress(), worker.restart().name(), text(worker.schedule()), text(worker.backoff()),
				worker.runs(), worker.consecutiveFailures(),
				(lastRun != null) ? new LastRunDescriptor(
						(lastRun.startedAt() != null) ? lastRun.startedAt().toString() : null,
						(lastRun.duration() != null) ? lastRun.duration().toMillis() : null, lastRun.outcome().tagValue(),
						(lastRun.outcome() != dev.resilience.worker.RunOutcome.SUCCESS) ? lastFailure : null)
						: null,
				lastFailure, (worker.nextRun() != null) ? worker.nextRun().toString() : null,
				(lock != null) ? new SingletonDescriptor(details ? lock.instance() : null, lock.heldByThisInstance(),
						text(lock.lockAtMostFor()), lock.acquiredRuns(), lock.skippedRuns(), lock.unavailableRuns(),
						describe(lock.lease(), details)) : null);
	}

	private static SupervisorsEndpoint.LeaseDescriptor describe(WorkerSnapshot.LeaseInfo lease, boolean details) {
		if (lease == null) {
			return null;
		}
		return new SupervisorsEndpoint.LeaseDescriptor(details ? lease.holder() : null, lease.token(),
				lease.expiresAt().toString(), (lease.nextRunAt() != null) ? lease.nextRunAt().toString() : null,
				text(lease.leaseTime()));
	}

	static String text(Duration duration) {
		return Durations.text(duration);
	}

	/**
	 * A restart backoff for people: {@code 1s..32s x2 ±20%}, {@code 500ms..1m x1.5 ±0%}.
	 * @param backoff the backoff, or {@code null}
	 * @return its text, or {@code null} for none
	 */
	static String text(Backoff backoff) {
		if (backoff == null) {
			return null;
		}
		return "%s..%s x%s ±%s%%".formatted(text(backoff.initial()), text(backoff.max()), number(backoff.multiplier()),
				number(backoff.jitter() * 100));
	}

	private static String number(double value) {
		return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	/** A schedule for people: {@code fixed delay 1s}, {@code fixed rate 200ms}, {@code cron 0 * * * * * (UTC)}. */
	static String text(Schedule schedule) {
		if (schedule instanceof Schedule.FixedDelay fixedDelay) {
			return "fixed delay " + text(fixedDelay.delay());
		}
		if (schedule instanceof Schedule.FixedRate fixedRate) {
			return "fixed rate " + text(fixedRate.rate());
		}
		return schedule.toString();
	}

}
