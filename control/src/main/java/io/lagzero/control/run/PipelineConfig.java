package io.lagzero.control.run;

import io.lagzero.connector.SetupException;
import io.lagzero.connector.SourceSettings;
import io.lagzero.connector.TableSelector;
import io.lagzero.sink.apply.DdlPolicy;
import io.lagzero.sink.apply.NulHandling;
import io.lagzero.sink.apply.SchemaEvolution;
import io.lagzero.sink.apply.TargetSettings;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.index.SecondaryIndexes;
import io.lagzero.sink.source.SourceCatalog;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.naming.TableNameFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One pipeline, as {@code lagzero run} and {@code lagzero demo} describe it: source, target,
 * tables, and where Kafka is (absent: an embedded broker keeps its data under {@code dataDir}).
 */
public record PipelineConfig(
        String sourceUrl,
        String sourceUser,
        String sourcePassword,
        String targetUrl,
        String targetUser,
        String targetPassword,
        TableSelector tables,
        Optional<String> kafka,
        Path dataDir,
        String topicPrefix,
        int batchSize,
        int topicPartitions,
        ColumnMapping columnMapping,
        DdlPolicy ddlPolicy,
        NulHandling nulHandling,
        SecondaryIndexes secondaryIndexes) {

    public PipelineConfig {
        require(sourceUrl, "--source", "the source JDBC URL, e.g. --source jdbc:mariadb://db1:3306/app");
        require(sourceUser, "--source-user", "the source user, e.g. --source-user lagzero");
        require(targetUrl, "--target", "the target JDBC URL, e.g. --target jdbc:postgresql://db2:5432/app");
        require(targetUser, "--target-user", "the target user, e.g. --target-user lagzero");
        if (batchSize < 1 || batchSize > 65_000) {
            throw new SetupException("--batch-size " + batchSize + " is out of range. Fix: use 1..65000 (default 2000)");
        }
        kafka = kafka.filter(k -> !k.isBlank());
        columnMapping = columnMapping == null ? ColumnMapping.EMPTY : columnMapping;
        ddlPolicy = ddlPolicy == null ? DdlPolicy.STOP : ddlPolicy;
        nulHandling = nulHandling == null ? NulHandling.FAIL : nulHandling;
        secondaryIndexes = secondaryIndexes == null ? SecondaryIndexes.AFTER_SNAPSHOT : secondaryIndexes;
    }

    public PipelineConfig(String sourceUrl, String sourceUser, String sourcePassword, String targetUrl, String targetUser,
            String targetPassword, TableSelector tables, Optional<String> kafka, Path dataDir, String topicPrefix,
            int batchSize, int topicPartitions, ColumnMapping columnMapping) {
        this(sourceUrl, sourceUser, sourcePassword, targetUrl, targetUser, targetPassword, tables, kafka, dataDir,
                topicPrefix, batchSize, topicPartitions, columnMapping, DdlPolicy.STOP, NulHandling.FAIL,
                SecondaryIndexes.AFTER_SNAPSHOT);
    }

    public PipelineConfig(String sourceUrl, String sourceUser, String sourcePassword, String targetUrl, String targetUser,
            String targetPassword, TableSelector tables, Optional<String> kafka, Path dataDir, String topicPrefix,
            int batchSize, int topicPartitions) {
        this(sourceUrl, sourceUser, sourcePassword, targetUrl, targetUser, targetPassword, tables, kafka, dataDir,
                topicPrefix, batchSize, topicPartitions, ColumnMapping.EMPTY);
    }

    /** Parses {@code --column-mapping}; a bad rule stops the run with the parser's message. */
    public static ColumnMapping columnMapping(String rules) {
        try {
            return rules == null ? ColumnMapping.EMPTY : ColumnMapping.parse(rules);
        } catch (IllegalArgumentException e) {
            throw new SetupException(e.getMessage().replace(ColumnMapping.CONFIG_KEY, "--column-mapping"), e);
        }
    }

    public SourceSettings source(String bootstrapServers) {
        return new SourceSettings(sourceUrl, sourceUser, sourcePassword, tables, topicPrefix, bootstrapServers,
                topicPartitions, Duration.ofSeconds(1));
    }

    public TargetSettings target() {
        try {
            return new TargetSettings(targetUrl, targetUser, targetPassword, batchSize, TargetSettings.POOL_SIZE_DEFAULT,
                    true, SchemaEvolution.BASIC, TableNameFormat.DEFAULT, columnMapping, ddlPolicy, nulHandling,
                    new SourceCatalog(sourceUrl, sourceUser, sourcePassword), secondaryIndexes);
        } catch (IllegalArgumentException e) {
            throw new SetupException("--target: " + e.getMessage(), e);
        }
    }

    public String sinkGroupId() {
        return "lagzero-" + topicPrefix + "-sink";
    }

    private static void require(String value, String option, String what) {
        if (value == null || value.isBlank()) {
            throw new SetupException(option + " is missing. Fix: give " + what + " (or set it in --config).");
        }
    }

    @Override
    public String toString() {
        return "PipelineConfig[source=" + Dialects.withoutQuery(sourceUrl) + " as " + sourceUser + ", target="
                + Dialects.withoutQuery(targetUrl) + " as " + targetUser
                + ", tables=" + tables.patterns() + ", kafka=" + kafka.orElse("embedded") + ", dataDir=" + dataDir
                + ", topicPrefix=" + topicPrefix + ", batchSize=" + batchSize + ", columnMapping=" + columnMapping.rules()
                + ", ddlPolicy=" + ddlPolicy + ", nulHandling=" + nulHandling + ", secondaryIndexes=" + secondaryIndexes
                + ", passwords=****]";
    }
}
