package io.lagzero.control.run;

import io.lagzero.connector.SourceSettings;
import io.lagzero.control.cli.SinkKeys;
import io.lagzero.control.cli.UserError;
import io.lagzero.sink.apply.TargetSettings;
import io.lagzero.sink.backfill.BackfillSettings;
import io.lagzero.sink.connect.SinkSettings;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.source.TableSelector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline, as {@code lagzero run} and {@code lagzero demo} describe it: source, tables, where
 * Kafka is (absent: an embedded broker keeps its data under {@code dataDir}), and the sink's
 * settings — the same the Kafka Connect plugin parses, target included.
 */
public record PipelineConfig(
        String sourceUrl,
        String sourceUser,
        String sourcePassword,
        TableSelector tables,
        Optional<String> kafka,
        Path dataDir,
        String topicPrefix,
        int topicPartitions,
        SinkSettings sink,
        Optional<BackfillSettings> backfill) {

    /** A pipeline whose initial copy is Debezium's snapshot. */
    public PipelineConfig(String sourceUrl, String sourceUser, String sourcePassword, TableSelector tables,
            Optional<String> kafka, Path dataDir, String topicPrefix, int topicPartitions, SinkSettings sink) {
        this(sourceUrl, sourceUser, sourcePassword, tables, kafka, dataDir, topicPrefix, topicPartitions, sink, Optional.empty());
    }

    public PipelineConfig {
        require(sourceUrl, "--source", "the source JDBC URL, e.g. --source jdbc:mariadb://db1:3306/app");
        require(sourceUser, "--source-user", "the source user, e.g. --source-user lagzero");
        kafka = kafka.filter(k -> !k.isBlank());
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(backfill, "backfill");
    }

    /**
     * A pipeline whose sink settings are built as {@code lagzero run} builds them: the target and the
     * source catalog from these endpoints, any other sink key ({@code ddl.policy}, …) from
     * {@code sinkKeys}, else the plugin's default.
     */
    public static PipelineConfig of(String sourceUrl, String sourceUser, String sourcePassword, String targetUrl,
            String targetUser, String targetPassword, TableSelector tables, Optional<String> kafka, Path dataDir,
            String topicPrefix, Map<String, String> sinkKeys) {
        return new PipelineConfig(sourceUrl, sourceUser, sourcePassword, tables, kafka, dataDir, topicPrefix, 1,
                SinkKeys.settings(targetUrl, targetUser, targetPassword, sourceUrl, sourceUser, sourcePassword, sinkKeys));
    }

    public PipelineConfig withTopicPartitions(int partitions) {
        return new PipelineConfig(sourceUrl, sourceUser, sourcePassword, tables, kafka, dataDir, topicPrefix, partitions, sink,
                backfill);
    }

    /** The same pipeline with lagzero's backfill as the initial copy (empty: Debezium's snapshot). */
    public PipelineConfig withBackfill(Optional<BackfillSettings> settings) {
        return new PipelineConfig(sourceUrl, sourceUser, sourcePassword, tables, kafka, dataDir, topicPrefix, topicPartitions,
                sink, settings);
    }

    public TargetSettings target() {
        return sink.target();
    }

    public String targetUrl() {
        return target().jdbcUrl();
    }

    public String targetUser() {
        return target().user();
    }

    public String targetPassword() {
        return target().password();
    }

    public SourceSettings source(String bootstrapServers) {
        return new SourceSettings(sourceUrl, sourceUser, sourcePassword, tables, topicPrefix, bootstrapServers,
                topicPartitions, Duration.ofSeconds(1), backfill.isEmpty());
    }

    public String sinkGroupId() {
        return "lagzero-" + topicPrefix + "-sink";
    }

    private static void require(String value, String option, String what) {
        if (value == null || value.isBlank()) {
            throw new UserError(option + " is missing. Fix: give " + what + " (or set it in --config).");
        }
    }

    @Override
    public String toString() {
        return "PipelineConfig[source=" + Dialects.withoutQuery(sourceUrl) + " as " + sourceUser + ", tables="
                + tables.patterns() + ", kafka=" + kafka.orElse("embedded") + ", dataDir=" + dataDir + ", topicPrefix="
                + topicPrefix + ", topicPartitions=" + topicPartitions + ", sink=" + sink + ", initialCopy="
                + backfill.map(Object::toString).orElse("debezium snapshot") + ", passwords=****]";
    }
}
