package io.lagzero.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lagzero.connector.SignalTable;
import io.lagzero.connector.SourceOffsets;
import io.lagzero.connector.SourceSettings;
import io.lagzero.control.Lagzero;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.run.Pipeline;
import io.lagzero.control.run.PipelineConfig;
import io.lagzero.control.verify.TableComparator;
import io.lagzero.control.verify.TableComparison;
import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.backfill.Backfill;
import io.lagzero.sink.backfill.BackfillRunner;
import io.lagzero.sink.backfill.BackfillSettings;
import io.lagzero.sink.backfill.CopyState;
import io.lagzero.sink.connect.LagzeroSinkConfig;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.source.TableSelector;
import io.lagzero.testkit.DatabaseExtension;
import io.lagzero.testkit.KafkaExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pipeline on real servers: MariaDB source with binlog → Debezium → Kafka → sink →
 * target. One subclass per target database.
 */
abstract class AbstractPipelineTest {
    private static final int SEEDED_ORDERS = 60_000;
    /** A busy application the pipeline keeps up with (lag of seconds, not minutes) on a 2-core build machine. */
    private static final int LIVE_WRITES_PER_SECOND = 500;
    @RegisterExtension
    static final DatabaseExtension<MariaDbServer> source = DatabaseExtension.mariaDbSource("e2e-source");
    @RegisterExtension
    static final KafkaExtension kafka = new KafkaExtension("e2e-kafka");
    static Target target;

    /** Each subclass's target, from its {@code @BeforeAll}. */
    static void startServers(Target targetDatabase) {
        target = targetDatabase;
    }

    @AfterAll
    static void stopTarget() {
        if (target != null) {
            target.close();
            target = null;
        }
    }

    @Test
    void snapshotAndStreamingReachTheTargetWithExactValues() throws Exception {
        String db = target.qualifier();
        source.createDatabase(db);
        source.execute(db, TypedRows.CREATE, TypedRows.INSERT_MAX, TypedRows.INSERT_MIN, TypedRows.INSERT_NULLS,
                "CREATE TABLE people (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL, nick VARCHAR(20) NULL, "
                        + "UNIQUE KEY uq_name (name), KEY ix_nick_name (nick, name(10)))",
                "INSERT INTO people (name, nick) SELECT CONCAT('person ', seq), IF(seq % 3 = 0, NULL, '') FROM seq_1_to_200");
        List<TableId> tables = List.of(new TableId(db, "typed"), new TableId(db, "people"));
        Path dataDir = ServerDirs.fresh("e2e-pipeline");
        try (Pipeline pipeline = Pipeline.start(config(db, "snap", dataDir, target.url()))) {
            awaitIdenticalIn(target.database(), tables, Duration.ofMinutes(2));
            assertThat(pipeline.failure()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(target.plainIndexes("people"))
                    .as("the source's secondary indexes, built after the snapshot, UNIQUE as plain")
                    .containsOnlyKeys("uq_name", "ix_nick_name")
                    .containsEntry("uq_name", List.of("name"))
                    .containsEntry("ix_nick_name", List.of("nick", "name")));

            source.execute(db, TypedRows.INSERT_MAX.replace("VALUES (1,", "VALUES (4,"),
                    "UPDATE typed SET d = 0.000001, v = 'geändert ✓', dt = '2025-01-01 00:00:00.000001' WHERE id = 1",
                    "UPDATE typed SET i = 7, t = 'now set', bin = UNHEX(SHA2('x', 256)), dd = '2000-02-29' WHERE id = 3",
                    "UPDATE typed SET t = NULL WHERE id = 4",
                    "DELETE FROM typed WHERE id = 2",
                    "INSERT INTO people (name) SELECT CONCAT('new ', seq) FROM seq_1_to_50",
                    "UPDATE people SET nick = 'x' WHERE id <= 20",
                    "DELETE FROM people WHERE id BETWEEN 30 AND 39",
                    "UPDATE people SET id = 1000 WHERE id = 5");
            awaitIdenticalIn(target.database(), tables, Duration.ofMinutes(2));
            assertThat(pipeline.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            assertThat(text(s, "SELECT b_u FROM " + target.table("typed") + " WHERE id = 4"))
                    .isEqualTo("18446744073709551615");
            assertThat(text(s, "SELECT v FROM " + target.table("typed") + " WHERE id = 1")).isEqualTo("geändert ✓");
            assertThat(text(s, "SELECT t FROM " + target.table("typed") + " WHERE id = 4")).isNull();
            assertThat(text(s, "SELECT COUNT(*) FROM " + target.table("people") + " WHERE id IN (5, 1000)")).isEqualTo("1");
            assertThat(text(s, "SELECT COUNT(*) FROM " + target.table("people") + " WHERE nick IS NULL")).isEqualTo("106");
        }
        assertThat(target.autoIncrementColumns("people")).as("the source's AUTO_INCREMENT column").containsExactly("id");
        assertThat(target.autoIncrementColumns("typed")).isEmpty();
    }

    @Test
    void aColumnAddedOnTheSourceAppearsInTheTargetAndARetypedOneStopsUntilTheTargetIsChanged() throws Exception {
        String db = target.qualifier() + "_ddl";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, "CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40) NOT NULL)",
                "INSERT INTO accounts VALUES (1, 'ann'), (2, 'bob')");
        List<TableId> tables = List.of(new TableId(db, "accounts"));
        Path dataDir = ServerDirs.fresh("e2e-ddl");
        try (Pipeline pipeline = Pipeline.start(config(db, "ddl", dataDir))) {
            awaitIdenticalIn(db, tables, Duration.ofMinutes(1));
            source.execute(db, "ALTER TABLE accounts ADD COLUMN balance DECIMAL(12,2) NULL, ADD COLUMN tier VARCHAR(10) NOT NULL DEFAULT 'basic'",
                    "INSERT INTO accounts VALUES (3, 'cy', 10.50, 'gold')",
                    "UPDATE accounts SET balance = 99.99 WHERE id = 1");
            awaitIdenticalIn(db, tables, Duration.ofMinutes(1));
            assertThat(pipeline.failure()).isEmpty();

            source.execute(db, "ALTER TABLE accounts MODIFY owner VARCHAR(80) NOT NULL",
                    "INSERT INTO accounts VALUES (4, 'a name longer than forty characters, as VARCHAR(80) allows', 1, 'gold')");
            await().atMost(Duration.ofMinutes(1)).until(() -> pipeline.failure().isPresent());
            assertThat(pipeline.failure().get()).hasMessageContaining("Source table " + db + ".accounts changed: "
                    + "column owner VARCHAR(40) NOT NULL became VARCHAR(80) NOT NULL");
        }
        try (Connection t = target.server().connect(db); Statement s = t.createStatement()) {
            assertThat(text(s, "SELECT COUNT(*) FROM accounts")).isEqualTo("3");
            s.execute(target.postgres()
                    ? "ALTER TABLE accounts ALTER COLUMN owner TYPE VARCHAR(80)"
                    : "ALTER TABLE accounts MODIFY owner VARCHAR(80) NOT NULL");
        }
        try (Pipeline resumed = Pipeline.start(config(db, "ddl", dataDir))) {
            awaitIdenticalIn(db, tables, Duration.ofMinutes(1));
            assertThat(resumed.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    @Test
    void aHexSignatureColumnIsRenamedAndStoredAsItsThirtyTwoBytes() throws Exception {
        String db = target.qualifier() + "_map";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, "CREATE TABLE visits (id INT PRIMARY KEY, user_sig VARCHAR(64) NOT NULL, debug TEXT NULL)",
                "INSERT INTO visits SELECT seq, SHA2(seq, 256), 'x' FROM seq_1_to_100");
        Path dataDir = ServerDirs.fresh("e2e-map");
        PipelineConfig config = config(db, "map", dataDir, targetUrl(db), Map.of(LagzeroSinkConfig.COLUMN_MAPPING,
                db + ".visits.user_sig rename:user_signature hex_to_binary; " + db + ".visits.debug exclude"));
        try (Pipeline pipeline = Pipeline.start(config)) {
            source.execute(db, "INSERT INTO visits VALUES (101, SHA2('live', 256), NULL)", "DELETE FROM visits WHERE id = 7");
            await().atMost(Duration.ofMinutes(1)).until(() -> targetRows(db, "visits") == 100);
            assertThat(pipeline.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
        try (Connection s = source.connect(db); Statement q = s.createStatement();
                ResultSet expected = q.executeQuery("SELECT UNHEX(user_sig) FROM visits WHERE id = 101");
                Connection t = target.server().connect(db);
                Statement tq = t.createStatement();
                ResultSet actual = tq.executeQuery("SELECT " + target.dialect().quote("user_signature") + " FROM "
                        + qualified(db, "visits") + " WHERE id = 101")) {
            assertThat(expected.next() && actual.next()).isTrue();
            assertThat(actual.getBytes(1)).hasSize(32).isEqualTo(expected.getBytes(1));
            assertThat(actual.getMetaData().getColumnCount()).isEqualTo(1);
        }
        try (Connection t = target.server().connect(db);
                ResultSet columns = t.getMetaData().getColumns(null, null, "visits", "debug")) {
            assertThat(columns.next()).as("the excluded column is not in the target").isFalse();
        }
    }

    @Test
    void everyColumnTypeRoundTripsExactlyThroughSnapshotAndStreaming() throws Exception {
        String db = target.qualifier() + "_types";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, TypeMatrix.SNAPSHOTTED);
        List<TableId> tables = List.of(new TableId(db, "matrix"));
        Path dataDir = ServerDirs.fresh("e2e-types");
        // Own prefix and data directory: the class's tests share one Kafka broker.
        PipelineConfig config = PipelineConfig.of(source.url(db), MariaDbServer.USER, MariaDbServer.PASSWORD, targetUrl(db),
                target.user(), target.password(), TableSelector.parse(db + ".matrix"), Optional.of(kafka.bootstrapServers()),
                dataDir, "types", Map.of());
        try (Pipeline pipeline = Pipeline.start(config)) {
            awaitIdenticalIn(db, tables, Duration.ofMinutes(2));
            source.execute(db, TypeMatrix.STREAMED);
            awaitIdenticalIn(db, tables, Duration.ofMinutes(2));
            assertThat(pipeline.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
        try (Connection c = target.server().connect(db);
                Statement s = c.createStatement()) {
            TypeMatrix.assertTargetKeepsEdgeValues(s, qualified(db, "matrix"));
        }
    }

    /** The rows the backfill copies equal the source value by value, for every type, then the streamed changes too. */
    @Test
    void everyColumnTypeRoundTripsExactlyThroughTheBackfillAndStreaming() throws Exception {
        String db = target.qualifier() + "_btypes";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, TypeMatrix.SNAPSHOTTED);
        List<TableId> tables = List.of(new TableId(db, "matrix"));
        Path dataDir = ServerDirs.fresh("e2e-btypes");
        PipelineConfig config = config(db, "btypes", dataDir).withBackfill(Optional.of(BackfillSettings.defaults()));
        try (Pipeline pipeline = Pipeline.start(config)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> pipeline.failure().isPresent() || pipeline.backfill()
                    .flatMap(BackfillRunner::backfill).map(Backfill::isFinished).orElse(false));
            awaitIdenticalIn(db, tables, Duration.ofMinutes(1));
            source.execute(db, TypeMatrix.STREAMED);
            awaitIdenticalIn(db, tables, Duration.ofMinutes(2));
            assertThat(pipeline.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
        try (Connection c = target.server().connect(db); Statement s = c.createStatement()) {
            TypeMatrix.assertTargetKeepsEdgeValues(s, qualified(db, "matrix"));
        }
    }

    @Test
    void aRunnerKilledDuringTheSnapshotAndDuringStreamingLosesAndDuplicatesNothing() throws Exception {
        String db = target.qualifier() + "_crash";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(SEEDED_ORDERS));
        Path dataDir = ServerDirs.fresh("e2e-runner");
        Map<String, String> env = Map.of("LAGZERO_SOURCE_PASSWORD", MariaDbServer.PASSWORD,
                "LAGZERO_TARGET_PASSWORD", target.password());
        // Non-defaults, each for the crash: the shared test broker (--kafka, own prefix), smaller batches so
        // a kill lands between many commits, frequent progress lines to wait on, any free HTTP port, and
        // Debezium's snapshot, whose restart is under test here (the backfill's has its own test).
        String[] args = {"--source", source.url(db), "--source-user", MariaDbServer.USER, "--target", targetUrl(db),
            "--target-user", target.user(), "--tables", db + ".orders", "--kafka", kafka.bootstrapServers(),
            "--data-dir", dataDir.toString(), "--topic-prefix", "crash", "--batch-size", "500", "--status-interval", "2s",
            "--http-port", "0", "--initial-copy", "snapshot"};
        SourceSettings offsets = new SourceSettings(source.url(db), MariaDbServer.USER, MariaDbServer.PASSWORD,
                TableSelector.parse(db + ".orders"), "crash", kafka.bootstrapServers(), 1, Duration.ofSeconds(1));
        try (OrdersWorkload writer = OrdersWorkload.start(source, db, SEEDED_ORDERS)) {
            try (RunnerProcess duringSnapshot = RunnerProcess.start(dataDir.resolve("1.log"), env, args)) {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                        .until(() -> targetRows(db, "orders") > 0);
                duringSnapshot.kill();
            }
            try (RunnerProcess duringStreaming = RunnerProcess.start(dataDir.resolve("2.log"), env, args)) {
                await().atMost(Duration.ofMinutes(2)).until(() -> SourceOffsets.read(offsets) == SourceOffsets.State.STREAMING);
                long streamedAfter = writer.maxId() + 500;
                await().atMost(Duration.ofMinutes(2)).until(() -> maxTargetId(db) > streamedAfter);
                duringStreaming.kill();
            }
            long killedAt = writer.writes();
            await().atMost(Duration.ofMinutes(1)).until(() -> writer.writes() > killedAt + 2000);
            try (RunnerProcess last = RunnerProcess.start(dataDir.resolve("3.log"), env, args)) {
                long restartedAt = writer.writes();
                await().atMost(Duration.ofMinutes(1)).until(() -> writer.writes() > restartedAt + 2000);
                writer.stop();
                awaitIdenticalIn(db, List.of(new TableId(db, "orders")), Duration.ofMinutes(3));
                assertThat(last.stop()).as("exit code after SIGTERM").isIn(0, 143);
                assertThat(last.output()).contains("Resuming the binlog where the last run stopped");
            }
            assertThat(Files.readString(dataDir.resolve("2.log")))
                    .contains("The previous initial snapshot did not finish");
        } finally {
            keepLogs(dataDir, target.dialect().name());
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    /**
     * {@code lagzero backfill pause}, {@code resume}, {@code abort} and {@code recopy} steer a running
     * pipeline's backfill through its copy state while the application writes; /status shows each.
     */
    @Test
    void theBackfillIsPausedResumedAbortedAndRecopiedWhileItRuns(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String db = target.qualifier() + "_bsteer";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(200_000));
        Path dataDir = ServerDirs.fresh("e2e-bsteer");
        Path cli = VerifyRun.configFile(dir, source, db, target, db);
        String orders = db + ".orders";
        // Small chunks and two workers: the copy lasts long enough to be steered.
        PipelineConfig config = config(db, "bsteer", dataDir).withBackfill(Optional.of(new BackfillSettings(2, 500)));
        try (Pipeline pipeline = Pipeline.start(config);
                OrdersWorkload writer = OrdersWorkload.start(source, db, 200_000, LIVE_WRITES_PER_SECOND)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> copiedRows(db) > 5_000);

            assertThat(backfill(cli, "pause", orders)).contains(orders + ": paused");
            await().atMost(Duration.ofSeconds(10)).until(() -> phase(pipeline, orders).equals("paused"));
            long paused = copiedRows(db);
            Thread.sleep(2_000);
            assertThat(copiedRows(db)).as("no chunk copied while paused").isEqualTo(paused);
            assertThat(pipeline.monitor().status().reason()).contains(orders + " paused");

            assertThat(backfill(cli, "resume", orders)).contains(orders + ": copy");
            await().atMost(Duration.ofSeconds(30)).until(() -> copiedRows(db) > paused + 5_000);

            assertThat(backfill(cli, "abort", orders)).contains(orders + ": aborted");
            await().atMost(Duration.ofSeconds(10)).until(() -> phase(pipeline, orders).equals("aborted"));
            long aborted = copiedRows(db);
            Thread.sleep(2_000);
            assertThat(copiedRows(db)).as("no chunk copied once aborted").isEqualTo(aborted);

            assertThat(backfill(cli, "recopy", orders)).contains(orders + ": copy, 0 rows");
            await().atMost(Duration.ofMinutes(3)).until(() -> backfillDone(db));
            await().atMost(Duration.ofSeconds(10)).until(() -> phase(pipeline, orders).equals("streaming"));
            writer.stop();
            awaitIdenticalIn(db, List.of(new TableId(db, "orders")), Duration.ofMinutes(2));
            assertThat(pipeline.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
        int code = Lagzero.execute(new String[] {"backfill", "pause", "--config", cli.toString(), "--tables", db + ".nothing"},
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(code).as("no backfilled table matches").isEqualTo(2);
    }

    /**
     * A row the target refuses (here a CHECK the source does not have) stops the backfill, and the
     * pipeline, with one message that names the row's key and the fix.
     */
    @Test
    void aRowTheTargetRefusesStopsTheBackfillNamingItsKey() throws Exception {
        String db = target.qualifier() + "_brefuse";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, "CREATE TABLE scores (id INT PRIMARY KEY, points INT NOT NULL)",
                "INSERT INTO scores SELECT seq, IF(seq = 7013, -5, seq) FROM seq_1_to_20000");
        try (Connection c = target.server().connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + qualified(db, "scores") + " (id INT PRIMARY KEY, points INT NOT NULL CHECK (points >= 0))");
        }
        Path dataDir = ServerDirs.fresh("e2e-brefuse");
        try (Pipeline pipeline = Pipeline.start(config(db, "brefuse", dataDir).withBackfill(Optional.of(BackfillSettings.defaults())))) {
            await().atMost(Duration.ofMinutes(2)).until(() -> pipeline.failure().isPresent());
            assertThat(pipeline.failure().orElseThrow().getMessage())
                    .contains("The target refuses the row with key {id=7013} of " + db + ".scores")
                    .contains("Fix: change the target table");
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    /** The backfill waits while the source runs more threads than allowed, says so in /status, and goes on after. */
    @Test
    void theBackfillWaitsWhileTheSourceIsBusy() throws Exception {
        String db = target.qualifier() + "_bload";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(100_000));
        Path dataDir = ServerDirs.fresh("e2e-bload");
        // A low Threads_running limit (the default is 25) that ten sleeping queries exceed on any idle source, and
        // a rate limit that keeps the copy going long after they started, however fast this machine copies.
        PipelineConfig config = config(db, "bload", dataDir)
                .withBackfill(Optional.of(new BackfillSettings(2, 500, 5_000, 6)));
        List<Thread> busy = new ArrayList<>();
        try (Pipeline pipeline = Pipeline.start(config)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> copiedRows(db) > 2_000);
            for (int i = 0; i < 10; i++) {
                Thread query = new Thread(() -> source.execute(db, "SELECT SLEEP(15)"));
                busy.add(query);
                query.start();
            }
            await().atMost(Duration.ofSeconds(9)).until(() -> pipeline.monitor().status().reason()
                    .contains("waiting: source Threads_running"));
            long waiting = copiedRows(db);
            Thread.sleep(2_000);
            assertThat(copiedRows(db)).as("rows copied while the source is busy: at most the chunks under way")
                    .isLessThanOrEqualTo(waiting + 2 * 500);
            for (Thread query : busy) {
                query.join();
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> backfillDone(db));
            awaitIdenticalIn(db, List.of(new TableId(db, "orders")), Duration.ofMinutes(1));
            assertThat(pipeline.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    private static String backfill(Path config, String action, String tables) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lagzero.execute(new String[] {"backfill", action, "--config", config.toString(), "--tables", tables},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as("lagzero backfill %s: %s %s", action, out, err).isZero();
        return out.toString();
    }

    private static String phase(Pipeline pipeline, String table) {
        return pipeline.monitor().status().tables().stream().filter(t -> t.table().equals(table)).findFirst()
                .map(PipelineStatus.TableStatus::phase).orElse("?");
    }

    /**
     * {@code lagzero run} killed -9 three times while the backfill copies and an application writes:
     * each run resumes where the committed copy state says (nothing truncated, no committed chunk
     * copied again), and the target ends identical.
     */
    @Test
    void aRunnerKilledThreeTimesDuringTheBackfillResumesItAndEndsIdentical() throws Exception {
        String db = target.qualifier() + "_bkill";
        source.createDatabase(db);
        targetDatabase(db);
        int seeded = 300_000;
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(seeded));
        Path dataDir = ServerDirs.fresh("e2e-bkill");
        Map<String, String> env = Map.of("LAGZERO_SOURCE_PASSWORD", MariaDbServer.PASSWORD,
                "LAGZERO_TARGET_PASSWORD", target.password());
        // Non-defaults, each for the crash: the shared test broker (--kafka, own prefix), any free HTTP port.
        String[] args = {"--source", source.url(db), "--source-user", MariaDbServer.USER, "--target", targetUrl(db),
            "--target-user", target.user(), "--tables", db + ".orders", "--kafka", kafka.bootstrapServers(),
            "--data-dir", dataDir.toString(), "--topic-prefix", "bkill", "--http-port", "0"};
        List<Long> committedAtKill = new ArrayList<>();
        try (OrdersWorkload writer = OrdersWorkload.start(source, db, seeded, LIVE_WRITES_PER_SECOND)) {
            for (int run = 1; run <= 3; run++) {
                long before = copiedRows(db);
                try (RunnerProcess runner = RunnerProcess.start(dataDir.resolve(run + ".log"), env, args)) {
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                            .until(() -> copiedRows(db) >= before + 30_000);
                    runner.kill();
                }
                long committed = copiedRows(db);
                assertThat(committed).as("run %d resumed, never from zero", run).isGreaterThanOrEqualTo(before + 30_000);
                assertThat(targetRows(db, "orders")).as("nothing truncated after run %d", run).isGreaterThanOrEqualTo(committed);
                committedAtKill.add(committed);
            }
            try (RunnerProcess last = RunnerProcess.start(dataDir.resolve("4.log"), env, args)) {
                await().atMost(Duration.ofMinutes(3)).until(() -> backfillDone(db));
                writer.stop();
                awaitIdenticalIn(db, List.of(new TableId(db, "orders")), Duration.ofMinutes(3));
                assertThat(copiedRows(db)).as("rows copied: each committed chunk once, so at most every id ever used")
                        .isLessThanOrEqualTo(writer.maxId());
                assertThat(last.stop()).as("exit code after SIGTERM").isIn(0, 143);
                assertThat(last.output()).contains("Resuming the binlog where the last run stopped")
                        .doesNotContain("did not finish");
            }
            System.out.printf("backfill killed three times: rows committed at each kill %s, total %d%n", committedAtKill,
                    copiedRows(db));
        } finally {
            keepLogs(dataDir, target.dialect().name() + "-backfill");
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    private long copiedRows(String db) {
        return stateSum(db, "SUM(rows_copied)");
    }

    private boolean backfillDone(String db) {
        return stateSum(db, "COUNT(*)") > 0 && stateSum(db, "SUM(CASE WHEN state = 'done' THEN 0 ELSE 1 END)") == 0;
    }

    /** An aggregate over the copy state; 0 before the backfill created its table, any other failure fails the test. */
    private long stateSum(String db, String aggregate) {
        try (Connection c = target.server().connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + aggregate + " FROM " + qualified(db, "lagzero_backfill"))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState()) || "42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw new IllegalStateException(e);
        }
    }

    @Test
    void verifyWhileTheLiveWorkloadReplicatesReportsNoFalseDifferences(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String db = target.qualifier() + "_verify";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(20_000));
        Path dataDir = ServerDirs.fresh("e2e-verify");
        Path config = VerifyRun.configFile(dir, source, db, target, db);
        try (Pipeline pipeline = Pipeline.start(config(db, "verify", dataDir))) {
            awaitIdenticalIn(db, List.of(new TableId(db, "orders")), Duration.ofMinutes(2));
            try (OrdersWorkload writer = OrdersWorkload.start(source, db, 20_000, LIVE_WRITES_PER_SECOND)) {
                for (int pass = 1; pass <= 3; pass++) {
                    long writesBefore = writer.writes();
                    VerifyRun run = VerifyRun.of(config, "--tables", db + ".orders", "--chunk-size", "2000",
                            "--state-dir", dir.resolve("state").toString(), "--json");
                    assertThat(run.code()).as("pass %d: %s", pass, run.describe()).isZero();
                    assertThat(writer.writes()).as("the workload kept writing during pass %d", pass)
                            .isGreaterThan(writesBefore + 100);
                    JsonNode orders = run.table(db + ".orders");
                    System.out.printf("verify pass %d under load: %d rows, %d chunks, %d mismatched, %d re-checked, "
                            + "%.1f s%n", pass, orders.path("sourceRows").asLong(), orders.path("chunks").asLong(),
                            orders.path("mismatchedChunks").asLong(), orders.path("rechecked").asLong(),
                            orders.path("seconds").asDouble());
                }
            }
            assertThat(pipeline.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    @Test
    void verifyRepairSendsTheDifferingRowsThroughThePipelineAgain(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String db = target.qualifier() + "_repair";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(2000),
                SignalTable.createStatement(new TableId(db, SignalTable.NAME)));
        Path dataDir = ServerDirs.fresh("e2e-repair");
        Path config = VerifyRun.configFile(dir, source, db, target, db);
        String[] options = {"--tables", db + ".orders", "--recheck-timeout", "2s", "--json",
            "--state-dir", dir.resolve("state").toString()};
        try (Pipeline pipeline = Pipeline.start(config(db, "repair", dataDir))) {
            awaitIdenticalIn(db, List.of(new TableId(db, "orders")), Duration.ofMinutes(2));
            String orders = qualified(db, "orders");
            target.server().execute(db, "DELETE FROM " + orders + " WHERE id = 10",
                    "UPDATE " + orders + " SET customer = 'changed' WHERE id = 20",
                    "INSERT INTO " + orders + " (id, customer, amount, status, updated_at) "
                            + "VALUES (5000, 'ghost', 1.00, NULL, '2024-01-01 00:00:00')");
            VerifyRun found = VerifyRun.of(config, options);
            assertThat(found.code()).as(found.describe()).isEqualTo(1);
            assertThat(found.differences(db + ".orders"))
                    .containsExactly("missing id=10", "different id=20 [customer]", "extra id=5000");

            VerifyRun repair = VerifyRun.of(config, Stream.concat(Arrays.stream(options),
                    Stream.of("--repair")).toArray(String[]::new));
            assertThat(repair.code()).as(repair.describe()).isZero();
            assertThat(repair.table(db + ".orders").path("repaired").asLong()).isEqualTo(3);
            assertThat(repair.err()).contains("repairing 3 rows through the pipeline");

            VerifyRun again = VerifyRun.of(config, "--tables", db + ".*", "--json",
                    "--state-dir", dir.resolve("state").toString());
            assertThat(again.code()).as(again.describe()).isZero();
            assertThat(again.json().path("tables")).as("the signal table is not compared").hasSize(1);
            assertThat(pipeline.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    /**
     * The backfill copies three tables of 200k rows (an integer key, a composite key, a text key)
     * while writers update, delete, re-key and insert exactly the rows just past the copy's cursors:
     * the target must end identical to the source.
     */
    @Test
    void theBackfillEndsIdenticalWhileWritersHammerTheRowsBeingCopied() throws Exception {
        String db = target.qualifier() + "_backfill";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(200_000),
                "CREATE TABLE order_lines (order_id INT NOT NULL, line_no INT NOT NULL, qty INT NOT NULL, note VARCHAR(40) NULL, "
                        + "PRIMARY KEY (order_id, line_no), KEY ix_qty (qty))",
                "INSERT INTO order_lines SELECT seq DIV 2, seq MOD 2, seq MOD 7, IF(seq MOD 5 = 0, NULL, 'line') FROM seq_1_to_200000",
                "CREATE TABLE notes (code VARCHAR(12) PRIMARY KEY, body TEXT NOT NULL, edits INT NOT NULL DEFAULT 0)",
                "INSERT INTO notes SELECT CONCAT('n', LPAD(seq, 7, '0')), REPEAT('x', seq MOD 50), 0 FROM seq_1_to_200000");
        List<TableId> tables = List.of(new TableId(db, "orders"), new TableId(db, "order_lines"), new TableId(db, "notes"));
        List<CopyHammer.Table> hammered = List.of(
                new CopyHammer.Table("orders", "UPDATE orders SET amount = amount + 1, updated_at = NOW(6) WHERE id = ?",
                        "DELETE FROM orders WHERE id = ?", "UPDATE orders SET id = ? WHERE id = ?",
                        "INSERT INTO orders VALUES (?, 'hammer', 1, 'new', NOW(6))", key -> key),
                new CopyHammer.Table("order_lines", "UPDATE order_lines SET qty = qty + 1 WHERE order_id = ?",
                        "DELETE FROM order_lines WHERE order_id = ? AND line_no = 1", "UPDATE order_lines SET order_id = ? WHERE order_id = ?",
                        "INSERT INTO order_lines VALUES (?, 9, 1, 'hammer')", key -> key / 2),
                new CopyHammer.Table("notes", "UPDATE notes SET edits = edits + 1, body = CONCAT(body, 'e') WHERE code = ?",
                        "DELETE FROM notes WHERE code = ?", "UPDATE notes SET code = ? WHERE code = ?",
                        "INSERT INTO notes (code, body) VALUES (?, 'hammer')", key -> String.format("n%07d", key)));
        Path dataDir = ServerDirs.fresh("e2e-backfill");
        // Smaller chunks than the default (5000): more chunks, so more of them meet the writers.
        PipelineConfig config = config(db, "backfill", dataDir).withBackfill(Optional.of(new BackfillSettings(4, 1000)));
        List<CopyHammer> hammers = new ArrayList<>();
        try (Pipeline pipeline = Pipeline.start(config)) {
            for (CopyHammer.Table table : hammered) {
                hammers.add(CopyHammer.start(source, db, target, db, table));
            }
            await().atMost(Duration.ofMinutes(5)).until(() -> pipeline.failure().isPresent() || pipeline.backfill()
                    .flatMap(BackfillRunner::backfill).map(Backfill::isFinished).orElse(false));
            assertThat(pipeline.failure()).isEmpty();
            for (CopyHammer hammer : hammers) {
                hammer.stop();
                System.out.printf("backfill hammer: %d writes, %d rounds aimed past a cursor%n", hammer.writes(),
                        hammer.nearCursor());
                assertThat(hammer.nearCursor()).as("writes aimed at the rows under copy").isGreaterThan(10);
            }
            awaitIdenticalIn(db, tables, Duration.ofMinutes(3));
            assertThat(pipeline.failure()).isEmpty();
            Map<TableId, CopyState.TableCopy> copies = pipeline.backfill().flatMap(BackfillRunner::backfill).orElseThrow()
                    .progress();
            assertThat(copies.values()).allMatch(CopyState.TableCopy::done).hasSize(3);
            assertThat(copies.values().stream().mapToLong(CopyState.TableCopy::rows).sum())
                    .as("rows copied, each once: at most the seeded rows and the hammers' inserts")
                    .isGreaterThan(500_000).isLessThan(700_000);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(indexNames(db, "order_lines"))
                    .as("the secondary index, built once the table was copied").anyMatch(name -> name.endsWith("ix_qty")));
        } finally {
            for (CopyHammer hammer : hammers) {
                hammer.close();
            }
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    /**
     * Forces the interleaving the backfill must survive: a chunk has been read but not yet written
     * (the test holds an uncommitted row of the target table the chunk must write, so the chunk's
     * statement waits there), and meanwhile the application updates rows of that chunk. Without
     * the backfill's row locks those updates would commit, stream into the target first, and then
     * be overwritten by the chunk's stale copy.
     */
    @Test
    void aChunkHeldUpInTheTargetCannotOverwriteNewerChangesOfItsRows() throws Exception {
        String db = target.qualifier() + "_stall";
        source.createDatabase(db);
        targetDatabase(db);
        source.execute(db, OrdersWorkload.CREATE, OrdersWorkload.seed(200_000));
        Path dataDir = ServerDirs.fresh("e2e-stall");
        // Smaller chunks, fewer workers and a rate limit: the cursor moves slowly enough for the stalls to land
        // ahead of it on a busy machine.
        PipelineConfig config = config(db, "stall", dataDir)
                .withBackfill(Optional.of(new BackfillSettings(2, 1000, 10_000, BackfillSettings.MAX_THREADS_RUNNING_DEFAULT)));
        int stalls = 0;
        try (Pipeline pipeline = Pipeline.start(config)) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> lowestCursor(db, db + ".orders").isPresent());
            for (int attempt = 0; attempt < 10 && stalls < 4; attempt++) {
                Optional<Long> cursor = lowestCursor(db, db + ".orders");
                if (cursor.isPresent() && stallAndUpdate(db, cursor.get() + 3_000)) {
                    stalls++;
                }
            }
            assertThat(stalls).as("chunks held up in the target while their rows were updated").isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofMinutes(3)).until(() -> pipeline.failure().isPresent() || pipeline.backfill()
                    .flatMap(BackfillRunner::backfill).map(Backfill::isFinished).orElse(false));
            awaitIdenticalIn(db, List.of(new TableId(db, "orders")), Duration.ofMinutes(2));
            assertThat(pipeline.failure()).isEmpty();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    /**
     * Holds an uncommitted row {@code id} in the target table for three seconds, updating the 400
     * rows after it on the source in the first; false when the chunk of {@code id} was already past it.
     */
    private boolean stallAndUpdate(String db, long id) throws Exception {
        try (Connection t = target.server().connect(db); Statement setup = t.createStatement()) {
            setup.execute(target.postgres() ? "SET lock_timeout = '1s'" : "SET innodb_lock_wait_timeout = 1");
            t.setAutoCommit(false);
            try (Statement insert = t.createStatement()) {
                insert.executeUpdate("INSERT INTO " + qualified(db, "orders") + " (id, customer, amount, status, updated_at) "
                        + "VALUES (" + id + ", 'stall', 0, NULL, '2000-01-01 00:00:00')");
            } catch (SQLException e) {
                t.rollback();
                return false;
            }
            long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            AtomicReference<Exception> failed = new AtomicReference<>();
            Thread updater = new Thread(() -> {
                try (Connection s = source.connect(db); Statement update = s.createStatement()) {
                    while (System.nanoTime() < until) {
                        update.executeUpdate("UPDATE orders SET amount = amount + 1, customer = 'updated in the stall' "
                                + "WHERE id BETWEEN " + (id + 1) + " AND " + (id + 400));
                        Thread.sleep(50);
                    }
                } catch (SQLException | InterruptedException e) {
                    failed.set(e);
                }
            });
            updater.start();
            // The stream has long applied the last update when the chunk goes on: it must not overwrite it.
            Thread.sleep(Duration.ofSeconds(3).toMillis());
            t.rollback();
            updater.join();
            assertThat(failed.get()).as("updates on the source during the stall").isNull();
            return true;
        }
    }

    /** The lowest cursor of the table's unfinished segments (the first key column), if one has started. */
    private Optional<Long> lowestCursor(String db, String table) {
        try (Connection c = target.server().connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT cursor_key FROM " + qualified(db, "lagzero_backfill")
                        + " WHERE table_name = '" + table + "' AND state = 'copy' AND cursor_key IS NOT NULL")) {
            Optional<Long> lowest = Optional.empty();
            while (rs.next()) {
                long cursor = Long.parseLong(rs.getString(1).replaceAll("\\D", ""));
                lowest = Optional.of(lowest.map(l -> Math.min(l, cursor)).orElse(cursor));
            }
            return lowest;
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState()) || "42P01".equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw new IllegalStateException(e);
        }
    }

    private List<String> indexNames(String db, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = target.server().connect(db);
                ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), targetQualifier(db), table, false, false)) {
            while (rs.next()) {
                names.add(rs.getString("INDEX_NAME"));
            }
        }
        return names;
    }

    /** The runners' logs outlive the test under target/runner-logs, to read after a failure. */
    private static void keepLogs(Path dataDir, String name) throws IOException {
        Path logs = Path.of("target", "runner-logs", name);
        Files.createDirectories(logs);
        try (var files = Files.list(dataDir)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A second database on the target server, for tests that need their own. */
    void targetDatabase(String name) {
        target.server().createDatabase(name);
    }

    String targetUrl(String database) {
        return target.server().url(database);
    }

    String targetQualifier(String database) {
        return target.qualifier(database);
    }

    /** A pipeline from source database {@code db} into the target database made by {@link #targetDatabase}. */
    PipelineConfig config(String db, String prefix, Path dataDir) {
        return config(db, prefix, dataDir, targetUrl(db));
    }

    /** Own prefix and data directory per test, since the class's tests share one Kafka broker; two partitions per topic. */
    private PipelineConfig config(String db, String prefix, Path dataDir, String targetUrl) {
        return config(db, prefix, dataDir, targetUrl, Map.of());
    }

    private PipelineConfig config(String db, String prefix, Path dataDir, String targetUrl, Map<String, String> sinkKeys) {
        return PipelineConfig.of(source.url(db), MariaDbServer.USER, MariaDbServer.PASSWORD, targetUrl, target.user(),
                target.password(), TableSelector.parse(db + ".*"), Optional.of(kafka.bootstrapServers()), dataDir, prefix,
                sinkKeys).withTopicPartitions(2);
    }

    void awaitIdenticalIn(String db, List<TableId> tables, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(compare(db, tables)).allMatch(TableComparison::identical));
    }

    /** Source tables against target database {@code targetDb}, row by row. */
    private List<TableComparison> compare(String targetDb, List<TableId> tables) {
        List<TableComparison> results = new ArrayList<>();
        try (Connection s = source.connect(""); Connection t = target.server().connect(targetDb)) {
            TableComparator comparator = new TableComparator(s, t, targetQualifier(targetDb));
            for (TableId table : tables) {
                results.add(comparator.compare(table));
            }
        } catch (SQLException e) {
            return List.of(new TableComparison(tables.get(0), 0, 0, "", "?", 0, 0, 1, List.of(e.getMessage())));
        }
        return results;
    }

    private long maxTargetId(String db) {
        try (Connection c = target.server().connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(id) FROM " + qualified(db, "orders"))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private long targetRows(String db, String table) {
        try (Connection c = target.server().connect(db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + qualified(db, table))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    private String qualified(String db, String table) {
        return target.dialect().qualified(targetQualifier(db), table);
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
