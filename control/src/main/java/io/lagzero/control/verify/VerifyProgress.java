package io.lagzero.control.verify;

import java.io.PrintWriter;

/** Progress per table on stderr: a line every few seconds while a table is read, one when it is done. */
final class VerifyProgress {
    private static final long INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private long lastPrinted;

    VerifyProgress(PrintWriter err) {
        this.err = err;
    }

    void started(String table, long estimatedRows, boolean resumed) {
        lastPrinted = System.nanoTime();
        err.printf("verify %s: %s (about %,d rows)%n", table, resumed ? "resuming" : "started", estimatedRows);
    }

    void chunk(String table, TableState state, long estimatedRows, double seconds) {
        if (System.nanoTime() - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        lastPrinted = System.nanoTime();
        err.printf("verify %s: %,d of about %,d rows, %d of %d chunks differ, %,.0f rows/s%n", table, state.sourceRows,
                Math.max(estimatedRows, state.sourceRows), state.mismatchedChunks, state.chunks,
                seconds == 0 ? 0 : state.sourceRows / seconds);
    }

    void rechecking(String table, int rows) {
        err.printf("verify %s: re-checking %,d differing rows%n", table, rows);
    }

    void note(String table, String message) {
        err.printf("verify %s: %s%n", table, message);
    }

    void done(TableResult result) {
        err.printf("verify %s: %s — %,d rows in %.1f s%n", result.table(), result.summary(), result.sourceRows(),
                result.seconds());
    }
}
