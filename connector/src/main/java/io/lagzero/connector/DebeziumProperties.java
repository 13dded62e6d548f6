package io.lagzero.connector;

import java.util.Properties;
import java.util.stream.Collectors;

/** The Debezium MySQL/MariaDB connector and engine configuration for one pipeline. */
public final class DebeziumProperties {
    private DebeziumProperties() {
    }

    public static Properties of(SourceSettings settings, SourceDatabase source) {
        JdbcEndpoint endpoint = settings.endpoint();
        Properties p = new Properties();
        p.setProperty("name", "lagzero-" + settings.topicPrefix() + "-source");
        p.setProperty("connector.class", source.flavor().connectorClass());
        p.setProperty("database.hostname", endpoint.host());
        p.setProperty("database.port", String.valueOf(endpoint.port()));
        p.setProperty("database.user", settings.user());
        p.setProperty("database.password", settings.password() == null ? "" : settings.password());
        p.setProperty("database.server.id", String.valueOf(settings.serverId()));
        p.setProperty("topic.prefix", settings.topicPrefix());
        p.setProperty("database.include.list", source.tables().stream().map(t -> quote(t.database()))
                .distinct().collect(Collectors.joining(",")));
        p.setProperty("table.include.list", source.tables().stream()
                .map(t -> quote(t.database()) + "\\." + quote(t.table())).collect(Collectors.joining(",")));
        // no_data: only the tables' schemas, then the binlog from now on; lagzero's backfill copies the rows.
        p.setProperty("snapshot.mode", settings.snapshotsRows() ? "initial" : "no_data");
        // lagzero verify --repair asks for incremental snapshots of single keys through this table.
        p.setProperty("signal.data.collection", SignalTable.of(source).toString());
        p.setProperty("include.schema.changes", "false");
        p.setProperty("tombstones.on.delete", "false");
        // Lossless values and the column metadata the sink uses to create target tables.
        p.setProperty("decimal.handling.mode", "precise");
        p.setProperty("bigint.unsigned.handling.mode", "precise");
        p.setProperty("time.precision.mode", "adaptive_time_microseconds");
        p.setProperty("binary.handling.mode", "bytes");
        p.setProperty("column.propagate.source.type", ".*");
        p.setProperty("snapshot.fetch.size", "10000");
        p.setProperty("max.batch.size", "4096");
        p.setProperty("max.queue.size", "16384");
        // An idle source's next change (a heartbeat, say) waits at most this long in Debezium's queue.
        p.setProperty("poll.interval.ms", "100");
        // Offsets and schema history live in Kafka, so a restart resumes instead of re-snapshotting.
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        p.setProperty("offset.storage.topic", settings.offsetsTopic());
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("offset.storage.replication.factor", "-1");
        p.setProperty("offset.flush.interval.ms", String.valueOf(settings.offsetFlushInterval().toMillis()));
        p.setProperty("bootstrap.servers", settings.kafkaBootstrapServers());
        p.setProperty("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
        p.setProperty("schema.history.internal.kafka.topic", settings.schemaHistoryTopic());
        p.setProperty("schema.history.internal.kafka.bootstrap.servers", settings.kafkaBootstrapServers());
        p.setProperty("schema.history.internal.store.only.captured.tables.ddl", "true");
        p.setProperty("errors.max.retries", "3");
        return p;
    }

    private static String quote(String name) {
        return name.replaceAll("([\\\\.$^*+?()\\[\\]{}|])", "\\\\$1");
    }
}
