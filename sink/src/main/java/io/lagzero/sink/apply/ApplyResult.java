package io.lagzero.sink.apply;

import io.lagzero.sink.event.TableId;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one committed batch did.
 *
 * @param records records received, tombstones included
 * @param skipped tombstones, which carry no change
 * @param upserted rows inserted or updated, after reduction to the last change per key
 * @param deleted rows deleted (or already absent), after reduction
 * @param tables the same counts per source table, in first-seen order
 * @param maxSourceTsMs the latest source commit time ({@code source.ts_ms}) now in the target;
 *     empty when the batch had no change with a known time
 */
public record ApplyResult(int records, int skipped, int upserted, int deleted, Map<TableId, TableCounts> tables,
        OptionalLong maxSourceTsMs) {
}
