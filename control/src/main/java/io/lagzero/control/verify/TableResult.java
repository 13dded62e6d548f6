package io.lagzero.control.verify;

import java.util.List;

/**
 * The outcome of one table.
 *
 * @param sourceRows rows read from the source, each once (a live table's count at the time it was read)
 * @param chunks chunks compared; {@code mismatchedChunks} of them hashed differently
 * @param suspects rows that differed when their chunk was read, and were re-checked
 * @param repaired rows that differed persistently and match after {@code --repair}
 * @param differences the persistent differences, at most {@link #MAX_LISTED}
 * @param problem why the table could not be compared, or null
 */
public record TableResult(String table, String targetTable, long sourceRows, long targetRows, long chunks,
        long mismatchedChunks, long suspects, long repaired, long missing, long extra, long different,
        List<RowDifference> differences, String problem, double seconds) {
    public static final int MAX_LISTED = 100;

    public enum Status { MATCH, DIFFERENT, ERROR }

    public Status status() {
        if (problem != null) {
            return Status.ERROR;
        }
        return missing + extra + different == 0 ? Status.MATCH : Status.DIFFERENT;
    }

    public boolean matches() {
        return status() == Status.MATCH;
    }

    static TableResult problem(String table, String targetTable, String problem) {
        return new TableResult(table, targetTable, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), problem, 0);
    }

    public String summary() {
        return switch (status()) {
            case MATCH -> repaired > 0 ? "match after repairing " + repaired + " rows" : "match";
            case ERROR -> "not compared: " + problem;
            case DIFFERENT -> missing + " missing, " + extra + " extra, " + different + " different";
        };
    }
}
