package io.lagzero.connector;

import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.source.TableSelector;
import java.time.Duration;

/**
 * Everything the source side needs: where the binlog comes from, which tables, and the Kafka
 * cluster that receives the change topics ({@code <topicPrefix>.<db>.<table>}).
 */
public record SourceSettings(
        String url,
        String user,
        String password,
        TableSelector tables,
        String topicPrefix,
        String kafkaBootstrapServers,
        int topicPartitions,
        Duration offsetFlushInterval,
        boolean snapshotsRows) {

    /** Debezium takes its initial snapshot of every row (lagzero's backfill copies them otherwise). */
    public SourceSettings(String url, String user, String password, TableSelector tables, String topicPrefix,
            String kafkaBootstrapServers, int topicPartitions, Duration offsetFlushInterval) {
        this(url, user, password, tables, topicPrefix, kafkaBootstrapServers, topicPartitions, offsetFlushInterval, true);
    }

    public SourceSettings {
        JdbcEndpoint.parseSource(url);
        if (user == null || user.isBlank()) {
            throw new SetupException("--source-user is missing. Fix: pass the replication user, e.g. --source-user lagzero");
        }
        if (topicPrefix == null || !topicPrefix.matches("[A-Za-z0-9_\\-]+")) {
            throw new SetupException("--topic-prefix '" + topicPrefix + "' must be letters, digits, '_' or '-'");
        }
        if (kafkaBootstrapServers == null || kafkaBootstrapServers.isBlank()) {
            throw new SetupException("--kafka is empty. Fix: pass host:port of a Kafka broker, or leave it out for an embedded one");
        }
        if (topicPartitions < 1) {
            throw new SetupException("--topic-partitions must be at least 1, got " + topicPartitions);
        }
    }

    public JdbcEndpoint endpoint() {
        return JdbcEndpoint.parse("--source", url);
    }

    public String offsetsTopic() {
        return "lagzero." + topicPrefix + ".offsets";
    }

    public String schemaHistoryTopic() {
        return "lagzero." + topicPrefix + ".schema-history";
    }

    /** Debezium's MySQL/MariaDB replica id: stable per pipeline, in 5400..6399 like Debezium's examples. */
    public int serverId() {
        return 5400 + Math.floorMod(topicPrefix.hashCode(), 1000);
    }

    @Override
    public String toString() {
        return "SourceSettings[url=" + Dialects.withoutQuery(url) + ", user=" + user + ", password=****, tables=" + tables.patterns()
                + ", topicPrefix=" + topicPrefix + ", kafka=" + kafkaBootstrapServers + "]";
    }
}
