package dev.resilience.lease;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.resilience.worker.LeaseStore.Row;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The lease table's statements on PostgreSQL and H2: the token grows on every change of hands,
 * a held lease is not taken, times are the database's, and a racing first insert loses cleanly.
 */
class JdbcLeaseStoreTests {

	private static final Duration LEASE = Duration.ofSeconds(5);

	private static EmbeddedPostgres postgres;

	@BeforeAll
	static void startPostgres() throws IOException {
		postgres = EmbeddedPostgres.builder().start();
	}

	@AfterAll
	static void stopPostgres() throws IOException {
		postgres.close();
	}

	static Stream<DataSource> databases() {
		return Stream.of(postgres.getPostgresDatabase(),
				new DriverManagerDataSource("jdbc:h2:mem:leases-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1"));
	}

	private static JdbcLeaseStore store(DataSource dataSource, String table) {
		JdbcLeaseStore store = new JdbcLeaseStore(dataSource, table);
		new JdbcTemplate(dataSource).execute("drop table if exists " + table);
		new JdbcTemplate(dataSource).execute(JdbcLeaseStore.ddl(store.dialect(), table));
		return store;
	}

	@ParameterizedTest
	@MethodSource("databases")
	void theTokenGrowsOnEveryChangeOfHandsAndAHeldLeaseIsNotTaken(DataSource dataSource) {
		JdbcLeaseStore store = store(dataSource, "lease_hands");
		assertThat(store.read("pay")).isEmpty();
		Row first = store.acquire("pay", "a", LEASE, null).orElseThrow();
		assertThat(first.token()).isEqualTo(1);
		assertThat(first.holder()).isEqualTo("a");
		assertThat(Duration.between(first.now(), first.expiresAt())).isEqualTo(LEASE);
		assertThat(first.heldBy("a")).isTrue();
		assertThat(store.acquire("pay", "b", LEASE, null)).as("a second first insert").isEmpty();
		Row seen = store.read("pay").orElseThrow();
		assertThat(seen.free()).isFalse();
		assertThat(store.acquire("pay", "b", LEASE, seen)).as("a held lease").isEmpty();

		Row renewed = store.renew("pay", "a", 1, LEASE, Duration.ofSeconds(2)).orElseThrow();
		assertThat(renewed.token()).isEqualTo(1);
		assertThat(Duration.between(renewed.now(), renewed.nextRunAt())).isEqualTo(Duration.ofSeconds(2));
		assertThat(store.renew("pay", "b", 1, LEASE, null)).as("renewed by another").isEmpty();
		assertThat(store.renew("pay", "a", 7, LEASE, null)).as("renewed with another token").isEmpty();

		assertThat(store.release("pay", "a", 1, null)).isTrue();
		Row released = store.read("pay").orElseThrow();
		assertThat(released.holder()).isEmpty();
		assertThat(released.free()).isTrue();
		assertThat(released.nextRunAt()).as("kept by the release").isEqualTo(renewed.nextRunAt());
		assertThat(store.renew("pay", "a", 1, LEASE, null)).as("renewed after its release").isEmpty();

		Row second = store.acquire("pay", "b", LEASE, released).orElseThrow();
		assertThat(second.token()).isEqualTo(2);
		assertThat(store.acquire("pay", "c", LEASE, released)).as("taken with a stale row").isEmpty();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void anExpiredLeaseIsFreeAndItsTakerGetsALargerToken(DataSource dataSource) {
		JdbcLeaseStore store = store(dataSource, "lease_expiry");
		store.acquire("pay", "a", Duration.ofMillis(1), null).orElseThrow();
		Row expired = org.awaitility.Awaitility.await()
			.until(() -> store.read("pay").orElseThrow(), Row::free);
		assertThat(expired.holder()).isEqualTo("a");
		assertThat(store.renew("pay", "a", 1, LEASE, null)).as("an expired lease is not renewed").isEmpty();
		Row taken = store.acquire("pay", "b", LEASE, expired).orElseThrow();
		assertThat(taken.token()).isEqualTo(2);
		assertThat(taken.holder()).isEqualTo("b");
	}

	@ParameterizedTest
	@MethodSource("databases")
	void timesAreTheDatabasesInUtc(DataSource dataSource) {
		JdbcLeaseStore store = store(dataSource, "lease_time");
		Row row = store.acquire("pay", "a", LEASE, null).orElseThrow();
		assertThat(Duration.between(Instant.now(), row.now()).abs()).isLessThan(Duration.ofSeconds(5));
		assertThat(store.roundTrip()).isPositive();
		store.requireTable();
	}

	@ParameterizedTest
	@MethodSource("databases")
	void aMissingTableIsToldAndTheDdlNamesTheTable(DataSource dataSource) {
		JdbcLeaseStore store = new JdbcLeaseStore(dataSource, "no_such_lease");
		assertThatException().isThrownBy(store::requireTable);
		assertThat(JdbcLeaseStore.ddl(store.dialect(), "my_leases")).contains("create table if not exists my_leases (")
			.contains("next_run_at");
		assertThat(Optional.ofNullable(LeaseDialect.of("MySQL"))).isEmpty();
		assertThat(JdbcLeaseStore.isTableName("a; drop table b")).isFalse();
		assertThat(JdbcLeaseStore.isTableName("app.leases")).isTrue();
	}

}
