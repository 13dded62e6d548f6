package io.lagzero.sink.metrics;

import io.lagzero.sink.apply.ApplyResult;
import io.lagzero.sink.apply.TableCounts;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.metrics.ApplyMetrics.Op;
import io.lagzero.sink.metrics.ApplyMetrics.Outcome;
import java.util.Map;

/** Counts what one committed batch did into {@link ApplyMetrics}. */
public final class ApplyOutcomes {
    private ApplyOutcomes() {
    }

    public static void count(ApplyMetrics metrics, ApplyResult result) {
        int skippedDeletes = 0;
        for (Map.Entry<TableId, TableCounts> entry : result.tables().entrySet()) {
            String table = entry.getKey().toString();
            TableCounts counts = entry.getValue();
            metrics.count(table, Op.UPSERT, Outcome.APPLIED, counts.upserted());
            metrics.count(table, Op.DELETE, Outcome.APPLIED, counts.deleted());
            metrics.count(table, Op.DELETE, Outcome.SKIPPED, counts.skippedDeletes());
            skippedDeletes += counts.skippedDeletes();
        }
        metrics.count(ApplyMetrics.UNKNOWN, Op.TOMBSTONE, Outcome.SKIPPED, result.skipped() - skippedDeletes);
    }
}
