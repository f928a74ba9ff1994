package dev.resilience.autoconfigure.lease;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import dev.resilience.autoconfigure.settings.Durations;
import dev.resilience.autoconfigure.settings.InvalidResiliencePropertyException;
import dev.resilience.autoconfigure.settings.ResolvedWorker;
import dev.resilience.lease.JdbcLeaseStore;
import dev.resilience.worker.LeaseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * What the supervision tree needs to run cluster singletons on leases: the store, this
 * instance's id and the default lease time; and the start-up checks of the lease table, made
 * only when the application has a cluster singleton.
 *
 * <p>The rule for the lease time: the holder renews every third of it, and each renewal is one
 * round trip to the database, so the lease time must be at least three round trips (the slowest
 * of three measured at start-up, connection included); a shorter one would expire between two
 * renewals that each come back in time.
 *
 * @since 0.1.0
 */
public final class ClusterLeases {

	private static final Logger logger = LoggerFactory.getLogger(ClusterLeases.class);

	private final LeaseStore store;

	private final String instanceId;

	private final Duration leaseTime;

	private final String initializeSchema;

	private volatile boolean refusingTraffic;

	private volatile boolean releaseWhenRefusingTraffic = true;

	/**
	 * @param store where the leases live
	 * @param instanceId this instance's id
	 * @param leaseTime the lease time of workers that give none
	 * @param initializeSchema the value of {@code resilience.cluster.jdbc.initialize-schema}, for messages
	 */
	public ClusterLeases(LeaseStore store, String instanceId, Duration leaseTime, String initializeSchema) {
		this.store = Objects.requireNonNull(store, "store");
		this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
		this.leaseTime = Objects.requireNonNull(leaseTime, "leaseTime");
		this.initializeSchema = initializeSchema;
	}

	/** @return a new instance id: the host name, the process id and a random suffix ({@code host-4242-1a2b3c4d}) */
	public static String newInstanceId() {
		String runtime = ManagementFactory.getRuntimeMXBean().getName(); // pid@host, without a name lookup
		int at = runtime.indexOf('@');
		String pid = (at > 0) ? runtime.substring(0, at) : Long.toString(ProcessHandle.current().pid());
		String host = (at > 0) ? runtime.substring(at + 1) : "localhost";
		return host + "-" + pid + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
	}

	/** @return where the leases live */
	public LeaseStore store() {
		return this.store;
	}

	/**
	 * @param release whether leases are released while this instance refuses traffic
	 * ({@code resilience.cluster.release-when-refusing-traffic}, on by default)
	 * @return this
	 */
	public ClusterLeases releaseWhenRefusingTraffic(boolean release) {
		this.releaseWhenRefusingTraffic = release;
		return this;
	}

	/**
	 * The application's readiness changed.
	 * @param refusing whether it now refuses traffic
	 */
	public void refusingTraffic(boolean refusing) {
		if (refusing != this.refusingTraffic && this.releaseWhenRefusingTraffic) {
			logger.info("Instance {} {}", this.instanceId, refusing
					? "refuses traffic: its cluster singletons release their leases and take none until it accepts traffic"
					: "accepts traffic again: its cluster singletons may take leases");
		}
		this.refusingTraffic = refusing;
	}

	/** @return whether this instance stands by: it refuses traffic and releases its leases then */
	public boolean standingBy() {
		return this.releaseWhenRefusingTraffic && this.refusingTraffic;
	}

	/** @return this instance's id */
	public String instanceId() {
		return this.instanceId;
	}

	/** @return the lease time of workers that give none */
	public Duration leaseTime() {
		return this.leaseTime;
	}

	/**
	 * Checks the lease table before any cluster singleton starts: it must exist, and each lease
	 * time must be at least three round trips to the database. A database that cannot be reached
	 * now is not checked (a warning says so): the workers skip their runs until it is back.
	 * @param workers the resolved workers; only cluster singletons are checked
	 * @throws InvalidResiliencePropertyException naming the property to change
	 */
	public void verify(List<ResolvedWorker> workers) {
		List<ResolvedWorker> singletons = workers.stream().filter((w) -> w.settings().clusterSingleton()).toList();
		if (singletons.isEmpty() || !(this.store instanceof JdbcLeaseStore jdbc)) {
			return;
		}
		Duration roundTrip;
		try {
			jdbc.requireTable();
			roundTrip = jdbc.roundTrip();
		}
		catch (DataAccessResourceFailureException ex) {
			logger.warn("The lease table '{}' could not be checked: the database cannot be reached: {}", jdbc.table(),
					ex.toString());
			return;
		}
		catch (DataAccessException ex) {
			throw new InvalidResiliencePropertyException("resilience.cluster.jdbc.initialize-schema",
					this.initializeSchema, "always (or embedded, on an embedded database) so that the starter creates "
							+ "the lease table '" + jdbc.table() + "', which is missing (" + ex.getMostSpecificCause()
							+ "); or create it before start-up:\n" + JdbcLeaseStore.ddl(jdbc.dialect(), jdbc.table()));
		}
		Duration least = roundTrip.multipliedBy(3);
		for (ResolvedWorker worker : singletons) {
			Duration own = worker.settings().leaseTime();
			Duration leaseTime = (own != null) ? own : this.leaseTime;
			String property = (own != null) ? "resilience.workers." + worker.settings().name() + ".lease-time"
					: "resilience.cluster.lease-time";
			if (leaseTime.compareTo(least) < 0) {
				throw new InvalidResiliencePropertyException(property, Durations.text(leaseTime), "at least three renewals' worth of round trips to the database, " + least.toMillis() + " ms here "
							+ "(a round trip took up to " + roundTrip.toMillis() + " ms): the lease is renewed every "
							+ "third of its time, and must not run out while a renewal is on its way");
			}
		}
	}

}
