package io.lagzero.control.verify;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Finished passes for tests of what reads them: table results as {@code lagzero verify} records them. */
public final class VerifyResults {
    private VerifyResults() {
    }

    public static TableResult match(String table, long rows) {
        return new TableResult(table, table, rows, rows, 1, 0, 0, 0, 0, 0, 0, List.of(), null, 0.1);
    }

    public static TableResult missing(String table, long sourceRows, long missing) {
        return new TableResult(table, table, sourceRows, sourceRows - missing, 1, 1, missing, 0, missing, 0, 0, List.of(),
                null, 0.1);
    }

    public static TableResult problem(String table, String problem) {
        return TableResult.problem(table, table, problem);
    }

    /** Records a pass that finished at {@code finishedAt} as {@code lagzero verify} does. */
    public static void recordPass(Path stateDir, Instant finishedAt, TableResult... tables) {
        LastPass.write(stateDir, new VerifyReport(finishedAt.minusSeconds(30), finishedAt, List.of(tables)));
    }
}
