package io.lagzero.control.cutover;

import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each table's {@code COUNT(*)} on the source and in the target. Frozen and drained, the counts
 * must be equal at once. While the application still writes (a dry run), the target trails the
 * source by the rows in flight: its count agrees when it lies within the counts the source had
 * while it was watched, and a table differs only when that never happens within the patience
 * given. Under steady writes that hides a difference of a few rows; the count after the freeze
 * does not.
 */
final class RowCounts {
    private static final Duration POLL = Duration.ofMillis(250);

    private final Connection source;
    private final Connection target;
    private final Dialect sourceDialect;
    private final Dialect targetDialect;
    private final String qualifier;

    RowCounts(Connection source, Connection target, String qualifier) throws SQLException {
        this.source = source;
        this.target = target;
        this.sourceDialect = Dialects.of(source);
        this.targetDialect = Dialects.of(target);
        this.qualifier = qualifier;
    }

    /** With writes frozen and drained; throws a {@link Cutover.MismatchException} on the first table that differs. */
    String requireEqual(List<TableId> tables) throws SQLException {
        long rows = 0;
        for (TableId table : tables) {
            Pair pair = count(table);
            if (pair.sourceRows != pair.targetRows) {
                throw new Cutover.MismatchException(pair.describe(table));
            }
            rows += pair.sourceRows;
        }
        return "row counts equal on " + tables.size() + " tables (" + rows + " rows)";
    }

    /**
     * While writes go on: re-counts the tables whose counts disagree every 250 ms for up to
     * {@code patience}; returns one line per table whose counts never agreed. Appends what it found
     * to the summary when every table agreed.
     */
    List<String> persistentDifferences(List<TableId> tables, Duration patience, StringBuilder summary)
            throws SQLException, InterruptedException {
        Map<TableId, Watched> open = new LinkedHashMap<>();
        tables.forEach(t -> open.put(t, new Watched()));
        long started = System.nanoTime();
        while (true) {
            for (var it = open.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                if (entry.getValue().agrees(count(entry.getKey()))) {
                    it.remove();
                }
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (open.isEmpty() || waited.compareTo(patience) >= 0) {
                break;
            }
            Thread.sleep(POLL.toMillis());
        }
        if (open.isEmpty()) {
            summary.append(", row counts agree on ").append(tables.size()).append(" tables");
            return List.of();
        }
        long seconds = Math.max(1, Duration.ofNanos(System.nanoTime() - started).toSeconds());
        List<String> differences = new ArrayList<>();
        open.forEach((table, watched) -> differences.add(watched.last.describe(table) + ", still after " + seconds
                + " s. Fix: find the rows with lagzero verify (--repair mends them)"));
        return differences;
    }

    private Pair count(TableId table) throws SQLException {
        long sourceRows = count(source, sourceDialect.qualified(table.database(), table.table()));
        long targetRows = count(target, targetDialect.qualified(qualifier, table.table()));
        return new Pair(sourceRows, targetRows);
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private record Pair(long sourceRows, long targetRows) {
        String describe(TableId table) {
            return table + " has " + sourceRows + " rows on the source but " + targetRows + " in the target";
        }
    }

    /** The source counts seen so far; the target agrees when its count lies among them. */
    private static final class Watched {
        private long lowest = Long.MAX_VALUE;
        private long highest = Long.MIN_VALUE;
        private Pair last;

        boolean agrees(Pair pair) {
            last = pair;
            lowest = Math.min(lowest, pair.sourceRows);
            highest = Math.max(highest, pair.sourceRows);
            return pair.targetRows >= lowest && pair.targetRows <= highest;
        }
    }
}
