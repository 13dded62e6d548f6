package io.lagzero.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.lagzero.control.Lagzero;
import io.lagzero.control.run.MonitoringSettings;
import io.lagzero.control.run.Pipeline;
import io.lagzero.control.run.PipelineConfig;
import io.lagzero.control.verify.TableComparator;
import io.lagzero.control.verify.TableComparison;
import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.source.TableSelector;
import io.lagzero.testkit.DatabaseExtension;
import io.lagzero.testkit.KafkaExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code lagzero cutover} on real servers while an application keeps inserting as a user without
 * the privilege to bypass read_only: first a dry run, then a cutover whose downtime budget is too
 * short (it must unfreeze), then the real one. Then, each in a database of its own: a dry run that
 * must notice what the real cutover would (a newest verification with differences, a row missing
 * in the target), and a held cutover stopped by SIGTERM, which must leave the source writable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractCutoverTest {
    private static final String DB = "shop";
    private static final String APP_USER = "app";
    private static final String APP_PASSWORD = "app-pw";

    @RegisterExtension
    static final DatabaseExtension<MariaDbServer> source = DatabaseExtension.mariaDbSource("cutover-source");
    @RegisterExtension
    static final KafkaExtension kafka = new KafkaExtension("cutover-kafka");
    private Target target;

    protected abstract Target startTarget();

    @BeforeAll
    void startTargetServer() {
        target = startTarget();
    }

    @AfterAll
    void stopTargetServer() {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void cutoverUnderLiveWritesFreezesDrainsAndSwitches() throws Exception {
        source.createDatabase(DB);
        source.execute(DB, "CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, customer VARCHAR(40) NOT NULL, "
                        + "amount DECIMAL(12,2) NOT NULL)",
                "INSERT INTO orders (customer, amount) SELECT CONCAT('c', seq), seq / 100 FROM seq_1_to_5000");
        source.get().createApplicationUser(APP_USER, APP_PASSWORD, DB);
        Path dataDir = ServerDirs.fresh("cutover-run");
        Path config = VerifyRun.configFile(dataDir, source, DB, target, target.database());
        Files.writeString(config, "\ntables=" + DB + ".*\n", StandardOpenOption.APPEND);
        // Not the defaults: the class's tests share one Kafka broker (own prefix, --kafka) and run in
        // parallel-safe data directories; the README's defaults are run by readme/*ReadmeTest.
        PipelineConfig pipelineConfig = PipelineConfig.of(source.url(DB), MariaDbServer.USER, MariaDbServer.PASSWORD,
                target.url(), target.user(), target.password(), TableSelector.parse(DB + ".*"),
                Optional.of(kafka.bootstrapServers()), dataDir, "cut", Map.of());
        try (Pipeline pipeline = Pipeline.start(pipelineConfig, new MonitoringSettings(Duration.ofSeconds(1),
                Duration.ofSeconds(5), 0));
                Application application = new Application()) {
            String status = "http://127.0.0.1:" + pipeline.httpPort();
            String stateDir = dataDir.resolve("verify").toString();
            await().atMost(Duration.ofMinutes(2)).until(() -> Http.get(pipeline.httpPort(), "/readyz").code() == 200);

            Result notVerified = lagzero("cutover", "--config", config.toString(), "--status-url", status,
                    "--state-dir", stateDir, "--dry-run");
            assertThat(notVerified.code()).as(notVerified.out() + notVerified.err()).isEqualTo(1);
            assertThat(notVerified.out()).contains("aborted — not ready: no finished verification in " + stateDir);

            Result verified = lagzero("verify", "--config", config.toString(), "--state-dir", stateDir);
            assertThat(verified.code()).as(verified.out() + verified.err()).isZero();

            Result dryRun = lagzero("cutover", "--config", config.toString(), "--status-url", status,
                    "--state-dir", stateDir, "--dry-run");
            assertThat(dryRun.code()).as(dryRun.out() + dryRun.err()).isZero();
            assertThat(dryRun.out()).contains("cutover: ready — lag").doesNotContain("cutover: frozen");

            Result tooShort = lagzero("cutover", "--config", config.toString(), "--status-url", status,
                    "--state-dir", stateDir, "--max-downtime", "1ms");
            assertThat(tooShort.code()).as(tooShort.out() + tooShort.err()).isEqualTo(1);
            assertThat(tooShort.out()).contains("cutover: frozen —").contains("cutover: aborted — the fence did not reach "
                    + "the target within --max-downtime 1 ms").contains("writes unfrozen");
            assertThat(readOnly()).isFalse();

            List<String> posted = new CopyOnWriteArrayList<>();
            HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            webhook.createContext("/hook", exchange -> {
                posted.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            webhook.start();
            InputStream stdin = System.in;
            Result held;
            try {
                System.setIn(new ByteArrayInputStream("abort\n".getBytes(StandardCharsets.UTF_8)));
                held = lagzero("cutover", "--config", config.toString(), "--status-url", status, "--state-dir", stateDir,
                        "--hold", "--webhook", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook");
            } finally {
                System.setIn(stdin);
                webhook.stop(0);
            }
            assertThat(held.code()).as(held.out() + held.err()).isEqualTo(1);
            assertThat(held.out()).contains("holding (--hold)", "cutover: aborted — the operator did not confirm");
            assertThat(posted).extracting(body -> body.replaceAll(".*\"state\":\"([a-z]+)\".*", "$1"))
                    .containsExactly("preflight", "ready", "frozen", "drained", "drained", "aborted");
            assertThat(readOnly()).isFalse();
            int acceptedBefore = application.accepted.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> application.accepted.size() > acceptedBefore + 20);

            Result cutover = lagzero("cutover", "--config", config.toString(), "--status-url", status,
                    "--state-dir", stateDir, "--max-downtime", "10s");
            assertThat(cutover.code()).as(cutover.out() + cutover.err()).isZero();
            assertThat(cutover.out()).contains("cutover: frozen —", "cutover: drained — every write accepted before the "
                    + "freeze is in the target", "cutover: switched — switch now");
            Matcher frozenFor = Pattern.compile("Writes were frozen for (\\d+\\.\\d{3}) s").matcher(cutover.out());
            assertThat(frozenFor.find()).isTrue();
            System.out.println("CUTOVER " + target.dialect().name() + ": writes frozen for " + frozenFor.group(1) + " s; "
                    + application.accepted.size() + " application inserts accepted, "
                    + application.refused + " refused after the freeze");
            assertThat(readOnly()).as("the source stays frozen").isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> application.refused > 0);

            assertThat(compare()).as("target equals source").allMatch(TableComparison::identical);
            assertThat(targetIds()).containsAll(application.accepted);
            try (Connection c = target.connect(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO orders (customer, amount) VALUES ('first on the target', 1.00)");
                try (ResultSet rs = s.executeQuery("SELECT MAX(id) FROM orders WHERE customer = 'first on the target'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("a new id above every source id").isGreaterThan(maxSourceId());
                }
            }
        } finally {
            source.execute("", "SET GLOBAL read_only = OFF");
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    @Test
    void aDryRunIsNotReadyWhenTheNewestPassFoundDifferencesOrTheRowCountsDiffer() throws Exception {
        String db = "gates";
        source.createDatabase(db);
        source.execute(db, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL)",
                "INSERT INTO items SELECT seq, CONCAT('item ', seq) FROM seq_1_to_1030");
        Target items = targetDatabase(db);
        Path dataDir = ServerDirs.fresh("cutover-gates");
        Path config = config(dataDir, db, items);
        try (Pipeline pipeline = pipeline(dataDir, db, items)) {
            String[] dryRun = {"cutover", "--config", config.toString(), "--status-url", "http://127.0.0.1:" + pipeline.httpPort(),
                "--state-dir", dataDir.resolve("verify").toString(), "--dry-run"};
            String[] verify = {"verify", "--config", config.toString(), "--state-dir", dataDir.resolve("verify").toString(),
                "--recheck-timeout", "1s"};
            await().atMost(Duration.ofMinutes(2)).until(() -> Http.get(pipeline.httpPort(), "/readyz").code() == 200
                    && count(items, "items") == 1030);
            assertThat(lagzero(verify).code()).isZero();
            Result ready = lagzero(dryRun);
            assertThat(ready.code()).as(ready.out() + ready.err()).isZero();
            assertThat(ready.out()).contains("cutover: ready — lag", "row counts agree on 1 tables", "verified clean");

            items.server().execute(db, "DELETE FROM " + items.table("items") + " WHERE id = 1030");
            Result countsDiffer = lagzero(dryRun);
            assertThat(countsDiffer.code()).as(countsDiffer.out() + countsDiffer.err()).isEqualTo(1);
            assertThat(countsDiffer.out()).contains("cutover: aborted — not ready: gates.items has 1030 rows on the source "
                    + "but 1029 in the target, still after").doesNotContain("cutover: ready");

            Result different = lagzero(verify);
            assertThat(different.code()).as(different.out() + different.err()).isEqualTo(1);
            Result differencesFound = lagzero(dryRun);
            assertThat(differencesFound.code()).as(differencesFound.out()).isEqualTo(1);
            assertThat(differencesFound.out()).containsPattern("the last verification \\(\\d+ s ago\\) found differences "
                    + "in gates.items. Fix: repair them \\(lagzero verify --repair\\) and verify again")
                    .doesNotContain("verified clean");

            items.server().execute(db, "INSERT INTO " + items.table("items") + " (id, name) VALUES (1030, 'item 1030')");
            assertThat(lagzero(verify).code()).isZero();
            Result readyAgain = lagzero(dryRun);
            assertThat(readyAgain.code()).as(readyAgain.out()).isZero();
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    @Test
    void aSignalDuringAHeldCutoverUnfreezesTheSource() throws Exception {
        String db = "held";
        String appUser = "held_app";
        source.createDatabase(db);
        source.execute(db, "CREATE TABLE notes (id INT AUTO_INCREMENT PRIMARY KEY, text VARCHAR(40) NOT NULL)",
                "INSERT INTO notes (text) SELECT CONCAT('note ', seq) FROM seq_1_to_100");
        source.get().createApplicationUser(appUser, APP_PASSWORD, db);
        Target notes = targetDatabase(db);
        Path dataDir = ServerDirs.fresh("cutover-held");
        Path config = config(dataDir, db, notes);
        String stateDir = dataDir.resolve("verify").toString();
        try (Pipeline pipeline = pipeline(dataDir, db, notes)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> Http.get(pipeline.httpPort(), "/readyz").code() == 200
                    && count(notes, "notes") == 100);
            assertThat(lagzero("verify", "--config", config.toString(), "--state-dir", stateDir).code()).isZero();
            try (RunnerProcess cutover = RunnerProcess.lagzero(dataDir.resolve("cutover.log"), Map.of(), "cutover",
                    "--config", config.toString(), "--status-url", "http://127.0.0.1:" + pipeline.httpPort(),
                    "--state-dir", stateDir, "--hold")) {
                await().atMost(Duration.ofMinutes(2)).until(() -> cutover.output().contains("holding (--hold)")
                        || !cutover.isAlive());
                assertThat(cutover.output()).contains("cutover: drained —", "holding (--hold)");
                assertThat(readOnly()).as("frozen while holding").isTrue();

                int exit = cutover.terminate();

                assertThat(exit).as(cutover.output()).isNotZero();
                assertThat(cutover.output()).contains("cutover: aborted — stopped by a signal; writes unfrozen after");
            }
            assertThat(readOnly()).as("the signal unfroze the source").isFalse();
            try (Connection c = DriverManager.getConnection(source.url(db), appUser, APP_PASSWORD);
                    Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO notes (text) VALUES ('written after the signal')")).isEqualTo(1);
            }
        } finally {
            source.execute("", "SET GLOBAL read_only = OFF");
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    /** Another database on the target server, for a test of its own. */
    private Target targetDatabase(String db) {
        target.server().createDatabase(db);
        return new Target(target.server(), db);
    }

    private Path config(Path dataDir, String db, Target into) throws Exception {
        Files.createDirectories(dataDir);
        Path config = VerifyRun.configFile(dataDir, source, db, into, into.database());
        Files.writeString(config, "\ntables=" + db + ".*\n", StandardOpenOption.APPEND);
        return config;
    }

    private Pipeline pipeline(Path dataDir, String db, Target into) {
        return Pipeline.start(PipelineConfig.of(source.url(db), MariaDbServer.USER, MariaDbServer.PASSWORD, into.url(),
                into.user(), into.password(), TableSelector.parse(db + ".*"), Optional.of(kafka.bootstrapServers()),
                dataDir, db, Map.of()), new MonitoringSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), 0));
    }

    private static long count(Target into, String table) throws SQLException {
        try (Connection c = into.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + into.table(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result lagzero(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lagzero.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private boolean readOnly() throws SQLException {
        try (Connection c = source.connect(""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@GLOBAL.read_only")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private long maxSourceId() throws SQLException {
        try (Connection c = source.connect(DB); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(id) FROM orders")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<Long> targetIds() throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection c = target.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM orders")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private List<TableComparison> compare() throws SQLException {
        List<TableComparison> results = new ArrayList<>();
        try (Connection s = source.connect(""); Connection t = target.connect()) {
            results.add(new TableComparator(s, t, target.qualifier()).compare(new TableId(DB, "orders")));
        }
        return results;
    }

    /** Inserts orders as the application user, one by one, until the source refuses. */
    private final class Application implements AutoCloseable {
        final Set<Long> accepted = new ConcurrentSkipListSet<>();
        volatile int refused;
        private volatile boolean running = true;
        private final Thread thread = new Thread(this::write, "application");

        Application() {
            thread.start();
        }

        private void write() {
            try (Connection c = DriverManager.getConnection(source.url(DB), APP_USER, APP_PASSWORD);
                    PreparedStatement insert = c.prepareStatement("INSERT INTO orders (customer, amount) VALUES (?, ?)",
                            Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; running; i++) {
                    try {
                        insert.setString(1, "live " + i);
                        insert.setBigDecimal(2, BigDecimal.valueOf(i, 2));
                        insert.executeUpdate();
                        try (ResultSet keys = insert.getGeneratedKeys()) {
                            keys.next();
                            accepted.add(keys.getLong(1));
                        }
                    } catch (SQLException e) {
                        refused++;
                        Thread.sleep(20);
                    }
                    Thread.sleep(5);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }
}
