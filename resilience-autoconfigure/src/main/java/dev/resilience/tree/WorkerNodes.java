package dev.resilience.tree;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.resilience.check.CheckRunner;
import dev.resilience.check.CheckSettings;
import dev.resilience.supervisor.Restart;
import dev.resilience.worker.CrashLog;
import dev.resilience.worker.PeriodicWorker;
import dev.resilience.worker.RunContext;
import dev.resilience.worker.SingletonListener;
import dev.resilience.worker.WorkerCycle;
import dev.resilience.worker.WorkerJob;
import dev.resilience.worker.WorkerListener;
import dev.resilience.worker.WorkerRuns;
import dev.resilience.worker.WorkerRuntime;
import dev.resilience.worker.WorkerSpec;

/**
 * Turns the builder's entries into the tree's nodes: a check becomes the worker
 * {@code <name>-check}, a cluster singleton runs under its lease or its lock with the lock's longest hold as
 * its run timeout, every worker of the application gets its crash-loop alarm, its
 * {@link StaleWatch} and its crash log, and a worker that depends on checks is parked by
 * {@link Parking}, its own alarms going through its {@link DependencyGate}.
 *
 * @param builder the builder
 * @param runtime what every worker shares
 * @param parking parks the workers that depend on checks
 */
record WorkerNodes(SupervisionTreeBuilder builder, WorkerRuntime runtime, Parking parking) {

	/** @return the name of the worker that runs a check: {@code <name>-check} */
	static String checkWorker(CheckSettings check) {
		return check.name() + "-check";
	}

	/** @return jobs whose runs get a {@link RunContext} without a lease */
	private static Supplier<WorkerJob> withContext(Supplier<? extends WorkerJob> jobs, String worker) {
		RunContext context = RunContext.of(worker);
		return () -> {
			WorkerJob job = jobs.get();
			return (job != null) ? () -> job.runOnce(context) : null;
		};
	}

	WorkerNode checkNode(CheckSettings check, CheckRunner runner) {
		WorkerSpec spec = new WorkerSpec(checkWorker(check), check.interval(), Duration.ZERO, null,
				check.timeout(), Restart.PERMANENT);
		WorkerCycle cycle = new WorkerCycle(spec, this.runtime, new WorkerRuns(spec.name()));
		return new WorkerNode(WorkerSettings.of(spec), WorkerSnapshot.Kind.CHECK, cycle, PeriodicWorker.childSpec(cycle,
				spec, () -> runner, this.runtime, CrashLog.withDefaults(spec.name(), this.runtime.clock())), null, null);
	}

	WorkerNode workerNode(SupervisionTreeBuilder.WorkerEntry entry, SingletonListener singletonListener) {
		WorkerSettings settings = entry.settings();
		WorkerSpec spec = settings.spec();
		Supplier<? extends WorkerJob> jobs = entry.jobs();
		WorkerRuns runs = new WorkerRuns(spec.name());
		WorkerAlarms alarms = (this.builder.alarms != null) ? WorkerAlarms.direct(this.builder.alarms) : null;
		if (!settings.dependsOn().isEmpty()) {
			alarms = this.parking.add(spec.name(), settings.dependsOn(), runs, this.builder.alarms,
					this.runtime.scheduler()::nanoTime);
		}
		ClusterSingleton singleton = null;
		if (settings.clusterSingleton() && this.builder.leaseStore != null && this.builder.alarms != null) {
			singleton = new ClusterSingleton(spec, alarms, singletonListener);
			spec = singleton.bounded(spec);
			Duration leaseTime = (settings.leaseTime() != null) ? settings.leaseTime() : this.builder.leaseTime;
			jobs = singleton.lease(jobs, this.builder.leaseStore, this.builder.instance, leaseTime, spec, this.runtime,
					this.builder.leaseStandBy);
		}
		else if (settings.clusterSingleton()) {
			if (this.builder.clusterLock == null || this.builder.alarms == null) {
				throw new IllegalStateException("worker '" + spec.name()
						+ "' is a cluster singleton, but the tree has no cluster lock or leases, or no alarms");
			}
			singleton = new ClusterSingleton(spec, alarms, singletonListener);
			spec = singleton.bounded(spec);
			jobs = singleton.wrap(withContext(jobs, spec.name()), this.builder.clusterLock);
		}
		else {
			jobs = withContext(jobs, spec.name());
		}
		StaleWatch stale = new StaleWatch(spec.name(), this.builder.clock, settings.staleAfter(),
				settings.staleSeverity(), this.builder.alarms, this.runtime.scheduler(), singleton);
		List<WorkerListener> listeners = new ArrayList<>();
		if (alarms != null) {
			listeners.add(new CrashLoopAlarm(spec.name(), runs::consecutiveFailures, alarms, settings.alarmAfterFailures(),
					settings.alarmSeverity(), settings.newFailureRateWindow()));
		}
		listeners.add(stale);
		listeners.add(this.runtime.listener());
		WorkerRuntime workerRuntime = this.runtime.withListener(WorkerListener.composite(listeners));
		WorkerSettings effective = new WorkerSettings(spec, settings.period(), settings.maxRestarts(),
				settings.group(), settings.clusterSingleton(), settings.alarmAfterFailures(), settings.alarmSeverity(),
				settings.dependsOn(), settings.staleAfter(), settings.staleSeverity(), settings.alarmFailureRate(),
				settings.alarmWindow(), settings.leaseTime());
		CrashLog crashLog = new CrashLog(spec.name(), settings.alarmAfterFailures(), this.builder.crashSummaryInterval,
				this.runtime.clock());
		WorkerCycle cycle = new WorkerCycle(spec, workerRuntime, runs);
		if (!settings.dependsOn().isEmpty()) {
			this.parking.attach(spec.name(), cycle);
		}
		if (singleton != null) {
			singleton.attach(cycle);
		}
		return new WorkerNode(effective, WorkerSnapshot.Kind.WORKER, cycle,
				PeriodicWorker.childSpec(cycle, spec, jobs, workerRuntime, crashLog), singleton, stale);
	}

}
