/**
 * Wiring of cluster-singleton leases: the lease table on the application's {@code DataSource},
 * its schema initializer, this instance's id, and the choice between leases and ShedLock.
 */
package dev.resilience.autoconfigure.lease;
