/**
 * The leases of cluster-singleton workers in a table of the application's database, on Spring's
 * {@code JdbcTemplate}: {@link dev.resilience.lease.JdbcLeaseStore}, and the table's DDL per
 * database ({@code schema-postgresql.sql}, {@code schema-h2.sql} beside this package's classes).
 */
package dev.resilience.lease;
