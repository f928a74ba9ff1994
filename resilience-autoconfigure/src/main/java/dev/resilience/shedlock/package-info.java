/**
 * Cluster-singleton workers on ShedLock.
 */
package dev.resilience.shedlock;
