package io.lagzero.e2e.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lagzero.control.verify.TableComparator;
import io.lagzero.control.verify.TableComparison;
import io.lagzero.e2e.Target;
import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.event.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's own commands, as a new user runs them: the source user gets exactly the grants the
 * README lists, the commands run through {@code bin/lagzero} with only hosts, ports and passwords
 * substituted — every other option at its default (topic prefix, HTTP port 8484, data and state
 * directories in the working directory, embedded Kafka). If the README changes, this runs the new text.
 * One subclass per source server version and target.
 */
abstract class AbstractReadmeContractTest {
    private static final String DB = "app";
    private static final String SOURCE_PASSWORD = "source-secret-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String TARGET_PASSWORD = "target-secret-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String APP_USER = "shop_app";
    private static final String APP_PASSWORD = "shop-app-pw";

    private MariaDbServer source;
    private Target target;
    private Process run;

    /** The source server this subclass is about. */
    abstract MariaDbServer startSource();

    /** An empty target server, its admin able to create users and databases. */
    abstract DatabaseServer startTarget();

    @AfterEach
    void stopEverything() throws Exception {
        if (run != null && run.isAlive()) {
            run.destroyForcibly().waitFor();
        }
        for (AutoCloseable server : new AutoCloseable[] {target, source}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void readmeCommandsReplicateVerifyAndSwitchOverAsTheLeastPrivilegedUser() throws Exception {
        Readme readme = Readme.read();
        source = startSource();
        DatabaseServer targetServer = startTarget();
        target = new Target(targetServer, DB);
        createApplication();
        grantAsTheReadmeSays(readme);

        Path workingDirectory = Path.of("target", "readme", getClass().getSimpleName());
        ServerDirs.deleteRecursively(workingDirectory);
        Shell shell = new Shell(workingDirectory, passwords(readme));
        Files.writeString(shell.directory().resolve("lagzero.properties"),
                substituted(readme.block("properties", "# lagzero.properties").text()));

        run = shell.start(substituted(readme.command("bin/lagzero", "run")));
        Path runLog = shell.log();
        String status = substituted(readme.command("bin/lagzero", "status"));
        await("lagzero status exits 0 (healthy) — run's log: " + runLog).atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2)).until(() -> {
                    assertThat(run.isAlive()).as("lagzero run is running: %s", Files.readString(runLog)).isTrue();
                    return shell.run(status).exitCode() == 0;
                });
        writeAsTheApplication();
        awaitIdentical();

        String verify = substituted(readme.command("bin/lagzero", "verify"));
        assertExit(shell.run(verify), 0, "lagzero verify: OK");

        deleteOneRowInTheTarget();
        assertExit(shell.run(verify), 1, "missing in target: id=7");
        List<String> cutovers = readme.allCommands("bin/lagzero", "cutover").stream().map(this::substituted).toList();
        String dryRun = cutovers.stream().filter(c -> c.contains("--dry-run")).findFirst().orElseThrow();
        String cutover = cutovers.stream().filter(c -> !c.contains("--dry-run")).findFirst().orElseThrow();
        assertExit(shell.run(dryRun), 1, "found differences");
        // --repair is the README's documented way out of a difference; it needs the signal table
        // that lagzero run created with the README's grants.
        await("verify --repair ends clean").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> shell.run(verify + " --repair").exitCode() == 0);
        assertExit(shell.run(verify), 0, "lagzero verify: OK");

        assertExit(shell.run(dryRun), 0, "ready");
        assertExit(shell.run(cutover), 0, "switch now");
        assertThat(readOnly()).as("the source stays frozen after switch now").isTrue();
        assertThat(compare()).allMatch(TableComparison::identical);

        source.execute("", "SET GLOBAL read_only = OFF");
        run.destroy();
        // A JVM ended by SIGTERM exits 143 (128 + 15) once its shutdown hook has stopped the pipeline.
        assertThat(run.waitFor()).as("exit code of lagzero run after SIGTERM: %s", Files.readString(runLog)).isEqualTo(143);
        assertThat(Files.readString(runLog)).contains("closing cleanly").doesNotContain("ERROR");
        assertNoSecretIn(shell.directory());
    }

    /** The application's schema and rows, made by an administrator before lagzero arrives. */
    private void createApplication() {
        source.createDatabase(DB);
        source.execute(DB,
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, qty INT, price DECIMAL(12,2), "
                        + "created DATETIME(3), KEY ix_name (name))",
                "INSERT INTO items SELECT seq, CONCAT('item ', seq), seq % 7, seq * 1.25, '2026-01-01 10:00:00.123' "
                        + "FROM seq_1_to_1030",
                "CREATE TABLE order_lines (order_id BIGINT NOT NULL, line SMALLINT NOT NULL, sku CHAR(8) NOT NULL, "
                        + "note TEXT NULL, PRIMARY KEY (order_id, line))",
                "INSERT INTO order_lines SELECT seq DIV 3, seq % 3, LPAD(seq, 8, '0'), IF(seq % 5 = 0, NULL, '') "
                        + "FROM seq_1_to_600");
        source.createApplicationUser(APP_USER, APP_PASSWORD, DB);
    }

    /** Runs the README's GRANT blocks for the source and the target, passwords filled in. */
    private void grantAsTheReadmeSays(Readme readme) {
        for (String statement : readme.statements("-- on the source")) {
            source.execute("", statement.replace("'…'", "'" + SOURCE_PASSWORD + "'"));
        }
        for (String statement : readme.statements("-- on a MariaDB 10.5+ source, for lagzero cutover")) {
            source.execute("", statement);
        }
        boolean postgres = target.url().startsWith("jdbc:postgresql:");
        for (String statement : readme.statements(postgres ? "-- on a PostgreSQL target" : "-- on a MariaDB or MySQL target")) {
            target.server().execute(postgres ? "postgres" : "", statement.replace("'…'", "'" + TARGET_PASSWORD + "'"));
        }
    }

    /** The README's export line names the two password variables; the test sets them as a user would. */
    private static Map<String, String> passwords(Readme readme) {
        String export = readme.commands("export").stream().findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no export line for the passwords"));
        assertThat(export).contains("LAGZERO_SOURCE_PASSWORD=", "LAGZERO_TARGET_PASSWORD=");
        return Map.of("LAGZERO_SOURCE_PASSWORD", SOURCE_PASSWORD, "LAGZERO_TARGET_PASSWORD", TARGET_PASSWORD);
    }

    /** README text with this test's hosts and ports: the only change made to it. */
    private String substituted(String readmeText) {
        String targetUrl = target.server().url(DB);
        return readmeText.replace("jdbc:postgresql://db2:5432/" + DB, targetUrl)
                .replace("db1:3306", source.host() + ":" + source.port());
    }

    private void writeAsTheApplication() throws SQLException {
        try (Connection c = DriverManager.getConnection(source.url(DB), APP_USER, APP_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO items VALUES (2001, 'new', 1, 9.99, NOW(3))");
            s.execute("UPDATE items SET qty = qty + 1, name = 'renamed' WHERE id BETWEEN 10 AND 20");
            s.execute("DELETE FROM items WHERE id IN (3, 4)");
            s.execute("UPDATE order_lines SET note = NULL WHERE order_id = 5");
            s.execute("UPDATE items SET id = 3001 WHERE id = 2001");
        }
    }

    private void deleteOneRowInTheTarget() {
        target.server().execute(DB, "DELETE FROM " + target.table("items") + " WHERE id = 7");
    }

    private void awaitIdentical() {
        await("target identical to source").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .until(() -> compare().stream().allMatch(TableComparison::identical));
    }

    private List<TableComparison> compare() throws SQLException {
        try (Connection s = source.connect(""); Connection t = target.connect()) {
            TableComparator comparator = new TableComparator(s, t, target.qualifier());
            return List.of(comparator.compare(new TableId(DB, "items")), comparator.compare(new TableId(DB, "order_lines")));
        }
    }

    private boolean readOnly() throws SQLException {
        try (Connection c = source.connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@read_only")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static void assertExit(Shell.Result result, int exitCode, String shown) {
        assertThat(result.exitCode()).as("exit code; output:%n%s", result.output()).isEqualTo(exitCode);
        assertThat(result.output()).contains(shown);
        assertThat(result.output()).as("no stack trace").doesNotContain("\tat ");
    }

    private static void assertNoSecretIn(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                assertThat(Files.readString(log)).as("passwords in %s", log).doesNotContain(SOURCE_PASSWORD, TARGET_PASSWORD);
            }
        }
    }
}
