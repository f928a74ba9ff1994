package dev.resilience.test;

import dev.resilience.alarm.Alarms;
import dev.resilience.check.CheckSnapshot;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.WorkerSnapshot;

/**
 * Entry points of the test kit's AssertJ assertions, beside AssertJ's own
 * {@code Assertions.assertThat} (both may be imported statically):
 *
 * <pre>{@code
 * assertThat(tree).worker("payments").hasRestarted(3).isRunning();
 * assertThat(tree).check("datasource").isDegraded();
 * assertThat(alarms).hasActive("payments_crashing", Severity.MINOR);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ResilienceAssertions {

	private ResilienceAssertions() {
	}

	/**
	 * @param tree a supervision tree
	 * @return assertions on it, and on its workers and checks
	 */
	public static SupervisionTreeAssert assertThat(SupervisionTree tree) {
		return new SupervisionTreeAssert(tree);
	}

	/**
	 * @param worker a worker as it was at one time; {@link WorkerAssert#hasRestarted} needs the
	 * tree: take {@code assertThat(tree).worker(name)} for it
	 * @return assertions on it
	 */
	public static WorkerAssert assertThat(WorkerSnapshot worker) {
		return new WorkerAssert(worker, null);
	}

	/**
	 * @param check a check as it was at one time
	 * @return assertions on it
	 */
	public static CheckAssert assertThat(CheckSnapshot check) {
		return new CheckAssert(check);
	}

	/**
	 * @param alarms an alarm list
	 * @return assertions on its (visibly) active alarms
	 */
	public static AlarmsAssert assertThat(Alarms alarms) {
		return new AlarmsAssert(alarms);
	}

}
