package io.lagzero.control.verify;

import java.time.Instant;
import java.util.List;

/** A whole pass: every selected table's result. */
public record VerifyReport(Instant startedAt, Instant finishedAt, List<TableResult> tables) {

    public boolean matches() {
        return tables.stream().allMatch(TableResult::matches);
    }

    public long sourceRows() {
        return tables.stream().mapToLong(TableResult::sourceRows).sum();
    }

    /** Seconds spent comparing in this run (a resumed pass counts only its own tables' time). */
    public double seconds() {
        return tables.stream().mapToDouble(TableResult::seconds).sum();
    }

    public double rowsPerSecond() {
        double seconds = seconds();
        return seconds == 0 ? 0 : sourceRows() / seconds;
    }
}
