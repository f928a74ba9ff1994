package dev.resilience.test;

import java.util.List;

import dev.resilience.check.CheckSnapshot;
import dev.resilience.tree.SupervisionTree;
import dev.resilience.tree.WorkerSnapshot;
import org.assertj.core.api.AbstractObjectAssert;

/**
 * Assertions on a {@link SupervisionTree}, and the way to its workers and checks.
 *
 * @since 0.1.0
 */
public class SupervisionTreeAssert extends AbstractObjectAssert<SupervisionTreeAssert, SupervisionTree> {

	SupervisionTreeAssert(SupervisionTree actual) {
		super(actual, SupervisionTreeAssert.class);
	}

	/**
	 * @param name a worker's name (a check's worker is {@code <check>-check})
	 * @return assertions on that worker as it is now, its restarts included
	 */
	public WorkerAssert worker(String name) {
		isNotNull();
		WorkerSnapshot worker = this.actual.worker(name).orElse(null);
		if (worker == null) {
			failWithMessage("Expected the tree to have worker <%s> but its workers are %s", name,
					this.actual.workerNames());
		}
		return new WorkerAssert(worker, this.actual.restarts(name));
	}

	/**
	 * @param name a check's name
	 * @return assertions on that check as it is now
	 */
	public CheckAssert check(String name) {
		isNotNull();
		CheckSnapshot check = this.actual.check(name).orElse(null);
		if (check == null) {
			List<String> names = this.actual.checks().stream().map(CheckSnapshot::name).toList();
			failWithMessage("Expected the tree to have check <%s> but its checks are %s", name, names);
		}
		return new CheckAssert(check);
	}

}
