package io.lagzero.sink.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sink.apply.DdlPolicy;
import io.lagzero.sink.apply.NulHandling;
import io.lagzero.sink.apply.SchemaEvolution;
import io.lagzero.sink.index.SecondaryIndexes;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.api.Test;

/** Configuration and validation without a target: every error names the key and the fix. */
class LagzeroSinkConnectorTest {
    private final LagzeroSinkConnector connector = new LagzeroSinkConnector();

    private static Map<String, String> props(String... keyValues) {
        // No source here to read indexes from, so not the default secondary.indexes=after_snapshot (tested below).
        Map<String, String> props = new HashMap<>(Map.of("name", "lz-sink", "connection.url",
                "jdbc:mariadb://localhost:1/app", "connection.username", "u", "connection.password", "s3cret",
                "secondary.indexes", "none"));
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                props.remove(keyValues[i]);
            } else {
                props.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return props;
    }

    private List<String> errors(Map<String, String> props, String key) {
        Config config = connector.validate(props);
        return config.configValues().stream().filter(v -> v.name().equals(key)).findFirst()
                .map(ConfigValue::errorMessages).orElseThrow();
    }

    @Test
    void parsesIntoTypedSettingsWithDefaults() {
        SinkSettings settings = new LagzeroSinkConfig(props()).settings();

        assertThat(settings.target().maxBatchRows()).isEqualTo(2000);
        assertThat(settings.target().poolSize()).isEqualTo(2);
        assertThat(settings.target().deletesEnabled()).isTrue();
        assertThat(settings.target().schemaEvolution()).isEqualTo(SchemaEvolution.BASIC);
        assertThat(settings.target().tableNames().pattern()).isEqualTo("${source.table}");
        assertThat(settings.retries().maxRetries()).isEqualTo(10);
        assertThat(settings.retries().backoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.target().password()).isEqualTo("s3cret");
    }

    @Test
    void secretsNeverShowInToString() {
        Map<String, String> props = props("connection.url", "jdbc:postgresql://h:5432/app?password=urlsecret",
                "batch.size", "10", "delete.enabled", "false", "schema.evolution", "NONE");
        LagzeroSinkConfig config = new LagzeroSinkConfig(props);

        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("urlsecret").contains("maxBatchRows=10")
                .contains("deletesEnabled=false").contains("schemaEvolution=NONE");
    }

    @Test
    void aBadUrlIsReportedOnConnectionUrlWithTheFix() {
        assertThat(errors(props("connection.url", "jdbc:sqlserver://h/app"), "connection.url"))
                .singleElement().asString().startsWith("connection.url").contains("Fix:").contains("jdbc:postgresql:");
        assertThat(errors(props("connection.url", "jdbc:mariadb://h:3306/"), "connection.url"))
                .singleElement().asString().contains("names no database").contains("jdbc:mariadb://host:3306/app");
    }

    @Test
    void aMissingUsernameIsReported() {
        assertThat(errors(props("connection.username", null), "connection.username"))
                .anySatisfy(e -> assertThat(e).contains("connection.username is missing. Fix: set connection.username"));
        assertThat(errors(props("connection.username", " "), "connection.username"))
                .singleElement().asString().contains("connection.username is empty. Fix: set connection.username");
    }

    @Test
    void unsupportedModesSayWhatIsSupported() {
        assertThat(errors(props("insert.mode", "insert"), "insert.mode")).singleElement().asString()
                .contains("insert.mode 'insert' is not supported yet").contains("Fix: set insert.mode=upsert");
        assertThat(errors(props("primary.key.mode", "kafka"), "primary.key.mode")).singleElement().asString()
                .contains("not supported yet").contains("Fix: set primary.key.mode=record_key");
        assertThat(errors(props("schema.evolution", "advanced"), "schema.evolution")).singleElement().asString()
                .contains("Fix: use one of [basic, none]");
        assertThat(errors(props("collection.name.format", "${table}"), "collection.name.format")).singleElement()
                .asString().contains("unknown placeholder ${table}");
        assertThat(errors(props("batch.size", "70000"), "batch.size")).singleElement().asString().contains("65000");
        assertThatThrownBy(() -> new LagzeroSinkConfig(props("insert.mode", "update")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("upsert");
    }

    @Test
    void ddlNulAndIndexPoliciesParseAndAnIndexModeWithoutSourceIsReported() {
        SinkSettings defaults = new LagzeroSinkConfig(props()).settings();
        SinkSettings chosen = new LagzeroSinkConfig(props("ddl.policy", "IGNORE", "nul.handling", "strip",
                "secondary.indexes", "after_snapshot", "source.connection.url", "jdbc:mariadb://db1:3306/",
                "source.connection.username", "u", "source.connection.password", "srcsecret")).settings();

        assertThat(defaults.target().ddlPolicy()).isEqualTo(DdlPolicy.STOP);
        assertThat(defaults.target().nulHandling()).isEqualTo(NulHandling.FAIL);
        assertThat(defaults.target().sourceCatalog()).isNull();
        assertThat(chosen.target().secondaryIndexes()).isEqualTo(SecondaryIndexes.AFTER_SNAPSHOT);
        assertThat(chosen.target().ddlPolicy()).isEqualTo(DdlPolicy.IGNORE);
        assertThat(chosen.target().nulHandling()).isEqualTo(NulHandling.STRIP);
        assertThat(chosen.target().toString()).contains("sourceCatalog=source jdbc:mariadb://db1:3306/ as u")
                .doesNotContain("srcsecret");
        assertThat(errors(props("ddl.policy", "exec"), "ddl.policy")).singleElement().asString()
                .contains("Fix: use one of [stop, ignore]");
        assertThat(errors(props("secondary.indexes", null), "source.connection.url")).as("the default is after_snapshot")
                .singleElement().asString().startsWith("source.connection.url is missing: secondary.indexes=after_snapshot")
                .contains("Fix:");
        assertThatThrownBy(() -> new LagzeroSinkConfig(props("secondary.indexes", "after_snapshot")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("source.connection.url");
        assertThat(errors(props("source.connection.url", "jdbc:mariadb://db1:3306/"), "source.connection.username"))
                .singleElement().asString().startsWith("source.connection.username is missing. Fix:");
    }

    @Test
    void theColumnMappingIsParsedOnceAndABadOneIsReportedOnItsKey() {
        SinkSettings settings = new LagzeroSinkConfig(props("column.mapping",
                "shop.pageviews.user_sig rename:user_signature hex_to_binary; shop.events.debug exclude")).settings();

        assertThat(settings.target().columnMapping().rules()).hasSize(2);
        assertThat(new LagzeroSinkConfig(props()).settings().target().columnMapping().isEmpty()).isTrue();
        assertThat(errors(props("column.mapping", "shop.events.debug drop"), "column.mapping")).singleElement().asString()
                .startsWith("column.mapping: rule 'shop.events.debug drop' has unknown action 'drop'").contains("Fix: use");
        assertThatThrownBy(() -> new LagzeroSinkConfig(props("column.mapping", "events.debug exclude")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("column.mapping");
    }

    @Test
    void anUnreachableTargetIsReportedOnConnectionUrlQuickly() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        List<String> errors = errors(props("connection.url", "jdbc:mariadb://127.0.0.1:" + closedPort + "/app"),
                "connection.url");

        assertThat(errors).singleElement().asString().contains("Cannot connect to jdbc:mariadb://127.0.0.1:" + closedPort)
                .contains("Fix: check that connection.url");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void everyTaskGetsTheSameConfigAndThePluginIsDiscoverable() {
        connector.start(props());

        assertThat(connector.taskConfigs(3)).hasSize(3).allSatisfy(c -> assertThat(c).isEqualTo(props()));
        assertThat(connector.taskClass()).isEqualTo(LagzeroSinkTask.class);
        assertThat(connector.version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(ServiceLoader.Provider::type))
                .contains(LagzeroSinkConnector.class);
    }
}
