package io.lagzero.e2e.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.control.Lagzero;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.health.StatusJson;
import io.lagzero.e2e.Target;
import io.lagzero.e2e.readme.Readme;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.testkit.ConnectWorker;
import io.lagzero.testkit.ConnectorConfigs;
import io.lagzero.testkit.ConnectorConfigs.ConnectorConfig;
import io.lagzero.testkit.DatabaseExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The two connectors of {@code deploy/connect/*.json}, set up for a test's servers as
 * {@code deploy/connect/README.md} says: a source user with exactly the grants it lists, the
 * heartbeat table its connector writes, and the placeholders filled in.
 */
final class ConnectDeployment {
    static final Path DEPLOY = Path.of(System.getProperty("lagzero.deploy.dir", "../deploy"));
    static final String SOURCE_PASSWORD = "connect-source-pw";
    /** The user of deploy/connect/README.md; tests sharing a source add a suffix (a user per connector pair). */
    private static final String SOURCE_USER = "lagzero";

    record Connectors(String source, String sink) {
    }

    /** Both connector configs, named with {@code nameSuffix}, for database {@code db}. */
    record Configs(ConnectorConfig source, ConnectorConfig sink, Connectors names) {
    }

    private ConnectDeployment() {
    }

    /** {@code lagzero status --connect-url … --json}, with the target password from a --config file. */
    static PipelineStatus status(ConnectWorker worker, String kafka, Target target, String sourceConnector,
            String sinkConnector, int expectedExit) throws IOException {
        Path config = Files.createTempFile("lagzero-status", ".properties");
        try {
            Files.writeString(config, "target-password=" + target.password() + "\n");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Lagzero.execute(new String[] {"status", "--json", "--connect-url", worker.url().toString(),
                "--kafka", kafka, "--sink-connector", sinkConnector, "--source-connector", sourceConnector,
                "--target", target.url(), "--target-user", target.user(), "--config", config.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(exit).as("exit code of lagzero status --connect-url: %s %s", out, err).isEqualTo(expectedExit);
            assertThat(out + err.toString()).doesNotContain(target.password());
            return StatusJson.read(out.toString());
        } finally {
            Files.delete(config);
        }
    }

    static Configs prepare(DatabaseExtension<MariaDbServer> source, String bootstrapServers, Target target, String db,
            String prefix, String serverId, String nameSuffix) throws IOException {
        String user = SOURCE_USER + nameSuffix.replace('-', '_');
        source.execute("", "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + SOURCE_PASSWORD + "'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%'");
        for (String statement : Readme.read(DEPLOY.resolve("connect/README.md"))
                .statements("CREATE TABLE IF NOT EXISTS shop.lagzero_heartbeat")) {
            source.execute("", statement.replace("shop.", "`" + db + "`.").replace("'lagzero'", "'" + user + "'"));
        }
        Map<String, String> values = Map.ofEntries(
                Map.entry("SOURCE_HOST", source.get().host()),
                Map.entry("SOURCE_PORT", String.valueOf(source.get().port())),
                Map.entry("SOURCE_USER", user),
                Map.entry("SOURCE_PASSWORD", SOURCE_PASSWORD),
                Map.entry("SOURCE_SERVER_ID", serverId),
                Map.entry("SOURCE_DATABASES", db),
                Map.entry("BACKFILL_TABLES", db + ".*"),
                Map.entry("HEARTBEAT_DATABASE", db),
                Map.entry("TOPIC_PREFIX", prefix),
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers),
                Map.entry("TOPIC_PARTITIONS", "3"),
                Map.entry("REPLICATION_FACTOR", "1"), // a single test broker
                Map.entry("TARGET_JDBC_URL", target.url()),
                Map.entry("TARGET_USER", target.user()),
                Map.entry("TARGET_PASSWORD", target.password()));
        ConnectorConfig sourceConnector = ConnectorConfigs.load("mariadb-source.json", values);
        ConnectorConfig sinkConnector = ConnectorConfigs.load("lagzero-sink.json", values);
        return new Configs(sourceConnector, sinkConnector,
                new Connectors(sourceConnector.name() + nameSuffix, sinkConnector.name() + nameSuffix));
    }
}
