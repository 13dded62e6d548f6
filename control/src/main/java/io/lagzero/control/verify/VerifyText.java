package io.lagzero.control.verify;

import java.io.PrintWriter;

/** The human-readable result: a line per table, its first differences, and the verdict. */
public final class VerifyText {
    private static final int SHOWN_PER_TABLE = 10;

    private VerifyText() {
    }

    public static void print(PrintWriter out, VerifyReport report) {
        for (TableResult table : report.tables()) {
            out.printf("%-40s %,12d rows  %s%n", table.table(), table.sourceRows(), table.summary());
            table.differences().stream().limit(SHOWN_PER_TABLE).forEach(d -> out.println("    " + d.describe()));
            long more = table.missing() + table.extra() + table.different()
                    - Math.min(SHOWN_PER_TABLE, table.differences().size());
            if (more > 0) {
                out.printf("    ... and %,d more (--json lists up to %d per table)%n", more, TableResult.MAX_LISTED);
            }
        }
        long differing = report.tables().stream().filter(t -> !t.matches()).count();
        String figures = String.format("%,d rows in %.1f s, %,.0f rows/s", report.sourceRows(), report.seconds(),
                report.rowsPerSecond());
        if (differing == 0) {
            out.printf("lagzero verify: OK — %d tables match (%s)%n", report.tables().size(), figures);
        } else {
            out.printf("lagzero verify: DIFFERENT — %d of %d tables differ (%s)%n", differing, report.tables().size(),
                    figures);
        }
    }
}
