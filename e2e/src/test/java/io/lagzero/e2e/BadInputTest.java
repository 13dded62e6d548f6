package io.lagzero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.control.Lagzero;
import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sandbox.db.PostgresServer;
import io.lagzero.testkit.DatabaseExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input a user can give the CLI, against real servers: the expected exit code, and one
 * line on stderr that names the problem and the fix — no stack trace, no secret.
 */
class BadInputTest {
    private static final String SECRET = "s3cret-value-42";
    private static final String APP = "app";

    @RegisterExtension
    static final DatabaseExtension<MariaDbServer> source = DatabaseExtension.mariaDbSource("bad-input-source");
    @RegisterExtension
    static final DatabaseExtension<PostgresServer> target = DatabaseExtension.postgres("bad-input-target");

    @TempDir
    static Path dir;

    @BeforeAll
    static void createDatabases() {
        source.createDatabase(APP);
        source.execute(APP, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40))",
                "CREATE TABLE nokey (id INT, name VARCHAR(40))", "CREATE TABLE badtarget (id INT PRIMARY KEY, code VARCHAR(10))");
        source.get().createApplicationUser("weak", "weak-pw", APP);
        target.createDatabase(APP);
        target.execute(APP, "CREATE TABLE badtarget (id INT PRIMARY KEY, code INTEGER)");
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("a password on the command line", 2, List.of("LAGZERO_SOURCE_PASSWORD", "never taken from the command line"),
                        "run", "--source-password", SECRET),
                bad("a password on the command line, with =", 2, List.of("LAGZERO_TARGET_PASSWORD"),
                        "verify", "--target-password=" + SECRET),
                bad("a mistyped option before a secret", 2, List.of("unknown option --sourcepassword", "--help"),
                        "run", "--sourcepassword", SECRET),
                bad("an unknown option with a suggestion", 2, List.of("unknown option --sourc", "did you mean --source"),
                        "run", "--sourc", "x"),
                bad("a misspelt config key", 2, List.of("unknown key 'http-prot'", "did you mean http-port"),
                        "run", "--config", "${CONFIG:http-prot=0}"),
                bad("a config file that is missing", 2, List.of("Cannot read --config", "Fix:"),
                        "run", "--config", "/nonexistent/lagzero.properties"),
                bad("a PostgreSQL URL as the source", 2, List.of("--source is a postgresql URL", "jdbc:mariadb://"),
                        "run", "--source", "jdbc:postgresql://127.0.0.1:5432/app", "--source-user", "u", "--target", "${TARGET}",
                        "--target-user", "u", "--tables", "app.*"),
                bad("a port that does not exist", 2, List.of("port 99999", "1..65535"),
                        "run", "--source", "jdbc:mariadb://127.0.0.1:99999/app", "--source-user", "u", "--target", "${TARGET}",
                        "--target-user", "u", "--tables", "app.*"),
                bad("a URL that is not a JDBC URL", 2, List.of("is not a JDBC URL", "jdbc:postgresql://"),
                        "verify", "--source", "${SOURCE}", "--source-user", "u", "--target", "db2:5432/app", "--target-user", "u",
                        "--tables", "app.*"),
                bad("an HTTP port out of range", 2, List.of("--http-port 70000", "1..65535"),
                        "run", "--source", "${SOURCE}", "--source-user", "u", "--target", "${TARGET}", "--target-user", "u",
                        "--tables", "app.*", "--http-port", "70000"),
                bad("an HTTP port that is not a number", 2, List.of("'abc' is not an int", "lagzero run --help"),
                        "run", "--http-port", "abc"),
                bad("an HTTP port already in use", 2, List.of("Cannot listen on --http-port", "Fix:"),
                        "run", "--config", "${CONFIG:}", "--tables", "app.items", "--http-port", "${SOURCE_PORT}",
                        "--kafka", "127.0.0.1:1"),
                bad("an embedded broker port already in use", 2,
                        List.of("Cannot start the embedded Kafka broker: --broker-port", "is in use", "Fix:"),
                        "run", "--config", "${CONFIG:}", "--tables", "app.items", "--http-port", "0",
                        "--broker-port", "${SOURCE_PORT}", "--data-dir", "${DATA_DIR}"),
                bad("a broker retention that is not a duration", 2, List.of("--broker-retention", "7d, 36h or forever"),
                        "run", "--broker-retention", "soon"),
                bad("a table entry without a database", 2, List.of("is not DATABASE.TABLE", "app.users"),
                        "run", "--source", "${SOURCE}", "--source-user", "u", "--target", "${TARGET}", "--target-user", "u",
                        "--tables", "items"),
                bad("a wrong source password", 2, List.of("refused user 'admin'", "LAGZERO_SOURCE_PASSWORD"),
                        "run", "--config", "${CONFIG:source-password=" + SECRET + "}", "--tables", "app.items"),
                bad("a source database that does not exist", 2, List.of("'nosuchdb' does not exist", "Fix:"),
                        "run", "--config", "${CONFIG:}", "--source", "${SOURCE_NOSUCHDB}", "--tables", "app.items"),
                bad("a MariaDB URL pointing at a PostgreSQL server", 2, List.of("source", "Fix:"),
                        "run", "--config", "${CONFIG:}", "--source", "${SOURCE_AT_TARGET}", "--tables", "app.items"),
                bad("tables that match nothing", 2, List.of("No table on the source matches --tables app.nothing", "Fix:"),
                        "run", "--config", "${CONFIG:}", "--tables", "app.nothing"),
                bad("a table without a primary key", 2, List.of("app.nokey has no primary key", "ADD PRIMARY KEY"),
                        "run", "--config", "${CONFIG:}", "--tables", "app.nokey"),
                bad("a source user without the replication grants", 2, List.of("lacks", "GRANT SELECT, RELOAD"),
                        "run", "--config", "${CONFIG:source-password=weak-pw}", "--source-user", "weak", "--tables", "app.items"),
                bad("an existing target column that cannot hold the source's", 2,
                        List.of("column code is int4", "app.badtarget.code", "ALTER TABLE badtarget", "--column-mapping"),
                        "run", "--config", "${CONFIG:}", "--tables", "app.badtarget"),
                bad("a sink key with a value it does not take", 2, List.of("--ddl-policy 'exec' is unknown", "[stop, ignore]"),
                        "run", "--config", "${CONFIG:}", "--tables", "app.items", "--ddl-policy", "exec"),
                bad("a sink key out of range in the config file, spelt as the plugin spells it", 2,
                        List.of("--batch-size", "65000"), "run", "--config", "${CONFIG:batch.size=70000}", "--tables", "app.items"),
                bad("a sink password on the command line", 2, List.of("LAGZERO_TARGET_PASSWORD", "never taken from the command line"),
                        "run", "--config", "${CONFIG:}", "--tables", "app.items", "--sink", "connection.password=" + SECRET),
                bad("a key the sink does not have", 2, List.of("--sink ddl.polcy", "docs/sink-config.md"),
                        "run", "--config", "${CONFIG:}", "--tables", "app.items", "--sink", "ddl.polcy=stop"),
                bad("a demo option that is not a number", 2, List.of("lagzero demo", "--help"), "demo", "--rows", "many"),
                bad("a cutover by a user who may not set read_only", 2, List.of("may not set read_only", "READ_ONLY ADMIN"),
                        "cutover", "--config", "${CONFIG:source-password=weak-pw}", "--source-user", "weak", "--tables", "app.items"),
                bad("a status URL without a scheme where nothing listens", 2, List.of("nothing answers at http://127.0.0.1:"),
                        "status", "--url", "127.0.0.1:${FREE_PORT}"),
                bad("a status URL that is not a URL", 2, List.of("--url", "Fix:"), "status", "--url", "http://exa mple:80"),
                bad("a downtime budget of zero", 2, List.of("--max-downtime must be positive"),
                        "cutover", "--config", "${CONFIG:}", "--max-downtime", "0s"));
    }

    private static Arguments bad(String what, int exitCode, List<String> shown, String... args) {
        return Arguments.of(what, exitCode, shown, List.of(args));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void oneLineWithTheFixAndTheExitCode(String what, int exitCode, List<String> shown, List<String> args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lagzero.execute(resolve(args).toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));

        List<String> lines = err.toString().lines().filter(line -> !line.isBlank()).toList();
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(exitCode);
        assertThat(lines).as("stderr is one line").hasSize(1);
        assertThat(lines.get(0)).startsWith("lagzero").contains(shown).containsIgnoringCase("fix")
                .doesNotContain(SECRET, "Exception", "\tat ");
        assertThat(out.toString()).doesNotContain(SECRET);
    }

    /** Fills in the servers' addresses; {@code ${CONFIG:k=v}} writes a config file for the servers with extra lines. */
    private static List<String> resolve(List<String> args) throws Exception {
        List<String> resolved = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("${CONFIG:")) {
                Path config = Files.createTempFile(dir, "lagzero", ".properties");
                String extra = arg.substring("${CONFIG:".length(), arg.length() - 1);
                Files.writeString(config, String.join("\n", "source=" + source.url(APP), "source-user=" + MariaDbServer.USER,
                        "target=" + target.url(APP), "target-user=" + PostgresServer.USER,
                        "target-password=" + PostgresServer.PASSWORD,
                        extra.startsWith("source-password=") ? extra : "source-password=" + MariaDbServer.PASSWORD,
                        extra.startsWith("source-password=") ? "" : extra));
                resolved.add(config.toString());
                continue;
            }
            resolved.add(arg.replace("${SOURCE}", source.url(APP))
                    .replace("${SOURCE_NOSUCHDB}", source.url("nosuchdb"))
                    .replace("${SOURCE_AT_TARGET}", "jdbc:mariadb://127.0.0.1:" + target.get().port() + "/app")
                    .replace("${SOURCE_PORT}", String.valueOf(source.get().port()))
                    .replace("${TARGET}", target.url(APP))
                    .replace("${DATA_DIR}", dir.resolve("lagzero-data").toString())
                    .replace("${FREE_PORT}", String.valueOf(ServerDirs.freePort())));
        }
        return resolved;
    }
}
