package io.lagzero.bench;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.testkit.ConnectorConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The connectors under test. Debezium's source and our sink come from the samples users deploy
 * ({@code deploy/connect/*.json}); Debezium's JDBC sink gets the same upsert semantics and its
 * documented batch settings: batch.size matched by the consumer's max.poll.records, both as large
 * as ours.
 */
final class Connectors {
    static final int PARTITIONS = 2;
    static final int SINK_TASKS = 2;
    static final String DATABASE = "shop";
    private final Servers servers;

    Connectors(Servers servers) {
        this.servers = servers;
    }

    /** Debezium's MariaDB connector: snapshot of {@code shop}, then its binlog, into {@code prefix.shop.*}. */
    Map<String, String> source(String prefix, int serverId) {
        Map<String, String> config = sample("mariadb-source.json", Map.of("TOPIC_PREFIX", prefix, "SOURCE_SERVER_ID",
                String.valueOf(serverId), "TARGET_JDBC_URL", "", "TARGET_USER", "", "TARGET_PASSWORD", ""));
        // Debezium's snapshot path, which these phases measure (the sample copies with the sink's backfill instead,
        // measured by InitialCopy).
        config.put("snapshot.mode", "initial");
        return config;
    }

    /** Our sink, as in deploy/connect/lagzero-sink.json, reading {@code topics} into {@code database}. */
    Map<String, String> lagzero(String topics, String database) {
        Map<String, String> config = sample("lagzero-sink.json", Map.of("TOPIC_PREFIX", "bench",
                "SOURCE_SERVER_ID", "0", "TARGET_JDBC_URL", servers.target.url(database),
                "TARGET_USER", servers.target.user(), "TARGET_PASSWORD", servers.target.password()));
        config.remove("topics.regex");
        config.put("topics", topics);
        config.put("tasks.max", String.valueOf(SINK_TASKS));
        return config;
    }

    /** Debezium's JDBC sink connector (3.5.0.Final), idempotent upserts and deletes like ours. */
    Map<String, String> debeziumJdbc(String topics, String database) {
        DatabaseServer target = servers.target;
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector");
        config.put("tasks.max", String.valueOf(SINK_TASKS));
        config.put("topics", topics);
        config.put("connection.url", target.url(database));
        config.put("connection.username", target.user());
        config.put("connection.password", target.password());
        config.put("insert.mode", "upsert");
        config.put("delete.enabled", "true");
        config.put("primary.key.mode", "record_key");
        config.put("schema.evolution", "basic");
        config.put("collection.name.format", "${source.table}");
        config.put("batch.size", "2000");
        config.put("use.reduction.buffer", "true");
        config.put("consumer.override.max.poll.records", "2000");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        return config;
    }

    private Map<String, String> sample(String file, Map<String, String> values) {
        MariaDbServer source = servers.source;
        Map<String, String> all = new LinkedHashMap<>(Map.of(
                "SOURCE_HOST", source.host(),
                "SOURCE_PORT", String.valueOf(source.port()),
                "SOURCE_USER", MariaDbServer.USER,
                "SOURCE_PASSWORD", MariaDbServer.PASSWORD,
                "SOURCE_DATABASES", DATABASE,
                "BACKFILL_TABLES", "",
                "HEARTBEAT_DATABASE", DATABASE,
                "KAFKA_BOOTSTRAP_SERVERS", servers.kafka.bootstrapServers(),
                "TOPIC_PARTITIONS", String.valueOf(PARTITIONS),
                "REPLICATION_FACTOR", "1"));
        all.putAll(values);
        try {
            return new LinkedHashMap<>(ConnectorConfigs.load(file, all).config());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read deploy/connect/" + file, e);
        }
    }
}
