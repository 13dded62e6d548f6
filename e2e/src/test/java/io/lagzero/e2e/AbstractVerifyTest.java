package io.lagzero.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lagzero.connector.SignalTable;
import io.lagzero.control.verify.LastPass;
import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.TableId;
import io.lagzero.testkit.DatabaseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lagzero verify} against real servers, the target loaded directly with SQL (no Kafka):
 * differences planted in the target are each reported with their key and column; a clean copy
 * passes. One subclass per target database, giving the target's DDL as the sink would create it.
 */
abstract class AbstractVerifyTest {
    static final String ACCOUNTS = """
            CREATE TABLE accounts (
              id BIGINT NOT NULL PRIMARY KEY,
              name VARCHAR(50) NOT NULL,
              note VARCHAR(20) NULL,
              balance DECIMAL(12,2) NOT NULL,
              opened DATETIME(6) NOT NULL,
              seen TIMESTAMP(6) NULL,
              active BOOLEAN NOT NULL,
              sig BINARY(32) NOT NULL,
              payload JSON NULL
            )""";
    static final String SEED_ACCOUNTS = "INSERT INTO accounts SELECT seq, CONCAT('owner ', seq, ' ü'), "
            + "IF(seq % 3 = 0, NULL, IF(seq % 3 = 1, '', 'note')), seq * 1.25, "
            + "TIMESTAMP('2024-03-31 01:30:00.000001') + INTERVAL seq MINUTE, "
            + "IF(seq % 5 = 0, NULL, TIMESTAMP('2024-10-27 00:30:00.5') + INTERVAL seq MINUTE), seq % 2 = 0, "
            + "UNHEX(SHA2(seq, 256)), IF(seq % 4 = 0, NULL, JSON_OBJECT('n', seq, 'tags', JSON_ARRAY('a', 'ü'))) "
            + "FROM seq_1_to_3000";

    /** Verify needs no binlog: a plain server. */
    @RegisterExtension
    static final DatabaseExtension<MariaDbServer> source = DatabaseExtension.mariaDbTarget("verify-source");
    static Target target;

    @TempDir
    Path dir;

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

    /** The target's {@code accounts} table as the sink creates it from {@link #ACCOUNTS}. */
    abstract String targetAccounts();

    /** {@code rates (id INT PRIMARY KEY, rate DECIMAL(10, scale))} in the target's SQL. */
    abstract String targetRates(int scale);

    /** {@code visits (id INT PRIMARY KEY, user_signature <32 bytes>)}, filled with the SHA-256 of 1..100. */
    abstract String[] targetVisits();

    /** An UPDATE expression moving a date-time column one hour later. */
    abstract String plusOneHour(String column);

    /** Statements, run in the target database, creating a user who may read and write its tables but not delete. */
    abstract String[] userWithoutDelete(String user, String password);

    @Test
    void repairChecksEveryPreconditionBeforeChangingEitherDatabase() throws Exception {
        String db = "unrepairable";
        prepare(db);
        String accounts = target.dialect().qualified(target.qualifier(db), "accounts");
        target.server().execute(db, "DELETE FROM " + accounts + " WHERE id = 7",
                "INSERT INTO " + accounts + " SELECT 9001, name, note, balance, opened, seen, active, sig, payload FROM "
                        + accounts + " WHERE id = 1");
        String[] repair = {"--tables", db + ".accounts", "--repair", "--recheck-timeout", "0s",
            "--state-dir", dir.resolve("state").toString()};

        VerifyRun noSignalTable = VerifyRun.of(config(db), repair);
        assertThat(noSignalTable.code()).as(noSignalTable.describe()).isEqualTo(2);
        assertThat(noSignalTable.err()).startsWith("lagzero: --repair needs the Debezium signal table " + db
                + ".lagzero_signals on the source; nothing was changed. Fix: CREATE TABLE");

        source.execute(db, SignalTable.createStatement(new TableId(db, SignalTable.NAME)));
        for (String host : new String[] {"%", "localhost"}) {
            source.execute("", "CREATE USER IF NOT EXISTS 'reader'@'" + host + "' IDENTIFIED BY 'reader-pw'",
                    "GRANT SELECT ON `" + db + "`.* TO 'reader'@'" + host + "'");
        }
        VerifyRun readOnlySource = VerifyRun.of(config(db, "reader", "reader-pw", target.user(), target.password()), repair);
        assertThat(readOnlySource.code()).as(readOnlySource.describe()).isEqualTo(2);
        assertThat(readOnlySource.err()).startsWith("lagzero: --repair cannot write the signal table " + db
                + ".lagzero_signals as source user 'reader' (").contains("nothing was changed. Fix: GRANT INSERT ON `"
                + db + "`.`lagzero_signals` TO 'reader'");

        target.server().execute(db, userWithoutDelete("keeper", "keeper-pw"));
        VerifyRun noDeletes = VerifyRun.of(config(db, MariaDbServer.USER, MariaDbServer.PASSWORD, "keeper", "keeper-pw"),
                repair);
        assertThat(noDeletes.code()).as(noDeletes.describe()).isEqualTo(2);
        assertThat(noDeletes.err()).startsWith("lagzero: --repair deletes the rows only the target has, but target user "
                + "'keeper' may not delete from " + accounts + " (").contains("nothing was changed. Fix: GRANT DELETE ON");

        for (VerifyRun run : new VerifyRun[] {noSignalTable, readOnlySource, noDeletes}) {
            assertThat(run.err().strip()).as("one line").doesNotContain("\n");
            assertThat(run.err()).doesNotContain("keeper-pw", "reader-pw", MariaDbServer.PASSWORD, target.password());
        }
        assertThat(rows(source, db, Dialects.forUrl(source.url(db)).qualified(db, SignalTable.NAME))).as("no signal sent").isZero();
        assertThat(ids(accounts, db)).as("the target is unchanged").contains(9001L).doesNotContain(7L);
    }

    @Test
    void eachPlantedDifferenceIsReportedWithItsKeyAndColumn() throws Exception {
        String db = "planted";
        prepare(db);
        source.execute(db, "CREATE TABLE rates (id INT PRIMARY KEY, rate DECIMAL(10,4) NOT NULL)",
                "INSERT INTO rates SELECT seq, seq / 16 FROM seq_1_to_40");
        target.server().execute(db, targetRates(2));
        TableCopy.copy(source, db, "rates", target, db);
        String accounts = target.dialect().qualified(target.qualifier(db), "accounts");
        target.server().execute(db,
                "DELETE FROM " + accounts + " WHERE id = 100",
                "INSERT INTO " + accounts + " SELECT 9001, name, note, balance, opened, seen, active, sig, payload FROM "
                        + accounts + " WHERE id = 1",
                "UPDATE " + accounts + " SET name = 'changed' WHERE id = 200",
                "UPDATE " + accounts + " SET note = NULL WHERE id = 301",
                "UPDATE " + accounts + " SET opened = " + plusOneHour("opened") + " WHERE id = 400",
                "UPDATE " + accounts + " SET balance = balance + 0.01 WHERE id = 500");

        VerifyRun run = VerifyRun.of(config(db), "--tables", db + ".accounts," + db + ".rates", "--json",
                "--chunk-size", "500", "--recheck-timeout", "1s", "--state-dir", dir.resolve("state").toString());

        assertThat(run.code()).as(run.describe()).isEqualTo(1);
        assertThat(run.differences(db + ".accounts")).as(run.describe()).containsExactly(
                "missing id=100", "different id=200 [name]", "different id=301 [note]", "different id=400 [opened]",
                "different id=500 [balance]", "extra id=9001");
        JsonNode note = run.table(db + ".accounts").path("differences").get(2).path("columns").get(0);
        assertThat(note.path("source").asText()).isEmpty();
        assertThat(note.path("target").isNull()).as("NULL instead of ''").isTrue();
        JsonNode opened = run.table(db + ".accounts").path("differences").get(3).path("columns").get(0);
        assertThat(opened.path("source").asText()).isEqualTo("2024-03-31T08:10:00.000001");
        assertThat(opened.path("target").asText()).isEqualTo("2024-03-31T09:10:00.000001");
        JsonNode rates = run.table(db + ".rates");
        assertThat(rates.path("status").asText()).isEqualTo("different");
        assertThat(rates.path("different").asLong()).as("every rate with more than two decimals").isEqualTo(30);
        assertThat(run.differences(db + ".rates")).startsWith("different id=1 [rate]", "different id=2 [rate]",
                "different id=3 [rate]", "different id=5 [rate]");
        JsonNode rate = rates.path("differences").get(0).path("columns").get(0);
        assertThat(rate.path("source").asText() + " → " + rate.path("target").asText()).isEqualTo("0.0625 → 0.06");
        assertThat(run.err()).contains("verify " + db + ".accounts: re-checking 6 differing rows");
        assertThat(LastPass.read(dir.resolve("state"))).as("the pass with differences is the last pass")
                .hasValueSatisfying(pass -> {
                    assertThat(pass.clean()).isFalse();
                    assertThat(pass.tables("different")).containsExactly(db + ".accounts", db + ".rates");
                });
    }

    @Test
    void aCleanCopyMatchesAndIsRecordedAsACleanLastPass() throws Exception {
        String db = "clean";
        prepare(db);
        String codes = "CREATE TABLE codes (code VARCHAR(20) NOT NULL, n INT NOT NULL, label VARCHAR(40) NULL, "
                + "PRIMARY KEY (code, n))";
        source.execute(db, codes, "INSERT INTO codes SELECT CONCAT(ELT(1 + seq % 8, 'a', 'B', 'ä', 'Z', 'é', 'b', 'A', 'z '), "
                + "seq), seq % 3, IF(seq % 2 = 0, NULL, 'label') FROM seq_1_to_200");
        target.server().execute(db, codes);
        TableCopy.copy(source, db, "codes", target, db);
        VerifyRun run = VerifyRun.of(config(db), "--tables", db + ".*", "--chunk-size", "50",
                "--state-dir", dir.resolve("state").toString());
        assertThat(run.code()).as(run.describe()).isZero();
        assertThat(run.out()).contains("clean.accounts").contains("3,000 rows  match").contains("200 rows  match")
                .contains("lagzero verify: OK — 2 tables match");
        assertThat(run.err()).contains("verify clean.accounts: match — 3,000 rows");
        assertThat(LastPass.read(dir.resolve("state"))).hasValueSatisfying(pass -> {
            assertThat(pass.clean()).isTrue();
            assertThat(pass.tableNames()).containsExactly("clean.accounts", "clean.codes");
            assertThat(pass.rows()).isEqualTo(3200);
        });
        assertThat(run.out()).doesNotContain(target.password()).doesNotContain(MariaDbServer.PASSWORD);
    }

    @Test
    void aStoppedPassResumesAfterTheLastVerifiedChunk() throws Exception {
        String db = "resumed";
        prepare(db);
        Path state = dir.resolve("state");
        String[] options = {"--tables", db + ".accounts", "--chunk-size", "100", "--state-dir", state.toString(), "--json"};
        AtomicReference<VerifyRun> stopped = new AtomicReference<>();
        Thread first = new Thread(() -> stopped.set(VerifyRun.of(config(db), concat(options, "--max-rows-per-sec", "500"))));
        first.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(state.resolve("verify-state.json"))
                && Files.readString(state.resolve("verify-state.json")).contains("\"chunks\":3"));
        first.interrupt();
        first.join();
        assertThat(stopped.get().code()).as("the first run was stopped mid-table: %s", stopped.get().describe()).isNotZero();
        assertThat(stopped.get().err()).contains("InterruptedException");

        VerifyRun resumed = VerifyRun.of(config(db), concat(options, "--resume"));
        assertThat(resumed.code()).as(resumed.describe()).isZero();
        assertThat(resumed.err()).contains("verify " + db + ".accounts: resuming");
        JsonNode accounts = resumed.table(db + ".accounts");
        assertThat(accounts.path("sourceRows").asLong()).as("rows of both runs, each once").isEqualTo(3000);
        assertThat(accounts.path("chunks").asLong()).isEqualTo(30);
    }

    @Test
    void aRenamedHexToBinaryColumnComparesEqualAndAnExcludedColumnIsIgnored() throws Exception {
        String db = "mapped";
        source.createDatabase(db);
        target.server().createDatabase(db);
        source.execute(db, "CREATE TABLE visits (id INT PRIMARY KEY, user_sig VARCHAR(64) NOT NULL, debug TEXT NULL)",
                "INSERT INTO visits SELECT seq, SHA2(seq, 256), CONCAT('debug ', seq) FROM seq_1_to_100");
        target.server().execute(db, targetVisits());
        String mapping = db + ".visits.user_sig rename:user_signature hex_to_binary; " + db + ".visits.debug exclude";
        String[] options = {"--tables", db + ".visits", "--column-mapping", mapping, "--json", "--recheck-timeout", "0s",
            "--state-dir", dir.resolve("state").toString()};

        VerifyRun same = VerifyRun.of(config(db), options);
        assertThat(same.code()).as(same.describe()).isZero();

        target.server().execute(db, "UPDATE " + target.dialect().qualified(target.qualifier(db), "visits") + " SET "
                + target.dialect().quote("user_signature") + " = (SELECT " + target.dialect().quote("user_signature")
                + " FROM (SELECT * FROM " + target.dialect().qualified(target.qualifier(db), "visits")
                + " WHERE id = 8) AS other) WHERE id = 7");
        VerifyRun changed = VerifyRun.of(config(db), options);
        assertThat(changed.code()).as(changed.describe()).isEqualTo(1);
        assertThat(changed.differences(db + ".visits")).containsExactly("different id=7 [user_sig]");
        assertThat(changed.table(db + ".visits").path("differences").get(0).path("columns").get(0)
                .path("targetColumn").asText()).isEqualTo("user_signature");
    }

    @Test
    void aTableMissingInTheTargetIsReportedAndABadOptionIsASetupError() throws Exception {
        String db = "absent";
        source.createDatabase(db);
        target.server().createDatabase(db);
        source.execute(db, "CREATE TABLE lonely (id INT PRIMARY KEY)", "INSERT INTO lonely VALUES (1)");
        VerifyRun run = VerifyRun.of(config(db), "--tables", db + ".lonely", "--state-dir", dir.resolve("s").toString());
        assertThat(run.code()).as(run.describe()).isEqualTo(1);
        assertThat(run.out()).contains("not compared: the target table").contains("does not exist");

        VerifyRun bad = VerifyRun.of(config(db), "--tables", db + ".lonely", "--chunk-size", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("lagzero: --chunk-size 0 is out of range. Fix:");
    }

    private void prepare(String db) throws Exception {
        source.createDatabase(db);
        target.server().createDatabase(db);
        source.execute(db, ACCOUNTS, SEED_ACCOUNTS);
        target.server().execute(db, targetAccounts());
        TableCopy.copy(source, db, "accounts", target, db);
    }

    private Path config(String db) {
        return VerifyRun.configFile(dir, source, db, target, db);
    }

    private Path config(String db, String sourceUser, String sourcePassword, String targetUser, String targetPassword)
            throws Exception {
        Path file = dir.resolve(sourceUser + "-" + targetUser + ".properties");
        Files.writeString(file, String.join("\n", "source=" + source.url(db), "source-user=" + sourceUser,
                "source-password=" + sourcePassword, "target=" + target.server().url(db), "target-user=" + targetUser,
                "target-password=" + targetPassword));
        return file;
    }

    private static long rows(DatabaseServer server, String db, String table) throws Exception {
        try (Connection c = server.connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Long> ids(String table, String db) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = target.server().connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
