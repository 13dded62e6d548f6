package io.lagzero.sink.connect;

import io.lagzero.sink.apply.RetryPolicy;
import io.lagzero.sink.apply.TargetSettings;
import io.lagzero.sink.backfill.BackfillSettings;
import io.lagzero.sink.source.TableSelector;
import java.util.Objects;
import java.util.Optional;

/**
 * The sink's typed settings, for the Kafka Connect task and {@code lagzero run} alike.
 *
 * @param target where and how changes are applied (its toString masks the password)
 * @param retries how a batch that failed transiently is retried before the sink fails
 * @param backfill how the backfill copies, wherever it runs
 * @param backfillTables the tables a Kafka Connect task backfills ({@code lagzero run} backfills its
 *     {@code --tables} when its initial copy is the backfill)
 */
public record SinkSettings(TargetSettings target, RetryPolicy retries, BackfillSettings backfill,
        Optional<TableSelector> backfillTables) {
    public SinkSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(backfill, "backfill");
        Objects.requireNonNull(backfillTables, "backfillTables");
    }
}
