package io.lagzero.sink.backfill;

import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The backfill's progress, kept in the target table {@code lagzero_backfill}: one row per segment
 * with the key of the last row copied. A chunk's rows and its segment's new cursor commit in one
 * target transaction, so after a crash the copy resumes at the next chunk. Workers, in one process
 * or in several Kafka Connect tasks, claim a segment for one chunk by locking its row
 * ({@code FOR UPDATE SKIP LOCKED}); a worker that dies loses its transaction and with it the claim.
 */
public final class CopyState {
    public static final String TABLE = "lagzero_backfill";

    /** What a segment is doing; an operator pauses, aborts and re-copies tables by changing it. */
    public enum Phase {
        /** Being copied, or waiting for a worker. */
        COPY,
        /** Left alone until resumed. */
        PAUSED,
        DONE,
        /** Given up by an operator: the table's rows in the target are incomplete. */
        ABORTED;

        String text() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** As status pages and the lag tracker name it: {@code backfill}, {@code paused}, {@code aborted}, {@code done}. */
        public String statusName() {
            return this == COPY ? "backfill" : text();
        }
    }

    /** A table's copy as the state records it. */
    public record TableCopy(TableId table, int segments, int segmentsDone, int segmentsPaused, int segmentsAborted,
            long rows, long chunks) {
        public boolean done() {
            return segments > 0 && segmentsDone == segments;
        }

        /** Nothing left for a worker: every segment done or aborted. */
        public boolean settled() {
            return segmentsDone + segmentsAborted == segments;
        }

        public Phase phase() {
            if (done()) {
                return Phase.DONE;
            }
            if (segmentsAborted > 0) {
                return Phase.ABORTED;
            }
            return segmentsPaused > 0 ? Phase.PAUSED : Phase.COPY;
        }
    }

    private final Dialect dialect;
    private final String table;

    public CopyState(Dialect dialect) {
        this.dialect = dialect;
        this.table = dialect.quote(TABLE);
    }

    /**
     * Creates the state table when missing, and commits. Several tasks may create it at the same
     * moment: PostgreSQL then fails all but one with a duplicate type, and the table is there.
     */
    void ensure(Connection target) throws SQLException {
        try (Statement statement = target.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (table_name VARCHAR(400) NOT NULL, "
                    + "segment INT NOT NULL, low_key VARCHAR(100) NULL, high_key VARCHAR(100) NULL, cursor_key TEXT NULL, "
                    + "rows_copied BIGINT NOT NULL, chunks_copied BIGINT NOT NULL, state VARCHAR(10) NOT NULL, "
                    + "updated_ms BIGINT NOT NULL, PRIMARY KEY (table_name, segment))");
            target.commit();
        } catch (SQLException e) {
            target.rollback();
            if (!exists(target)) {
                throw e;
            }
        }
    }

    /**
     * Whether the state table exists (a backfill has run against this target), asked of the
     * catalog: a query of a missing table would make the MariaDB driver log a warning.
     */
    public boolean exists(Connection target) throws SQLException {
        try (ResultSet tables = target.getMetaData().getTables(target.getCatalog(), target.getSchema(), TABLE, null)) {
            return tables.next();
        } finally {
            target.rollback();
        }
    }

    /** Whether any of these tables has a copy plan: a process planned it once it saw the binlog streaming. */
    boolean isPlanned(Connection target, Collection<TableId> tables) throws SQLException {
        ensure(target);
        return !progress(target, tables).isEmpty();
    }

    /**
     * Records a table's segments unless it has some already (an earlier run or another task
     * planned it), and commits. {@code bounds} holds the segments' boundaries in order: n + 1 values
     * for n segments, the first and last null (unbounded).
     */
    void plan(Connection target, TableId source, List<String> bounds) throws SQLException {
        if (segments(target, source) > 0) {
            target.rollback();
            return;
        }
        try (PreparedStatement insert = target.prepareStatement("INSERT INTO " + table + " (table_name, segment, low_key, "
                + "high_key, cursor_key, rows_copied, chunks_copied, state, updated_ms) VALUES (?, ?, ?, ?, NULL, 0, 0, 'copy', ?)")) {
            for (int i = 0; i + 1 < bounds.size(); i++) {
                insert.setString(1, source.toString());
                insert.setInt(2, i);
                insert.setString(3, bounds.get(i));
                insert.setString(4, bounds.get(i + 1));
                insert.setLong(5, System.currentTimeMillis());
                insert.addBatch();
            }
            insert.executeBatch();
            target.commit();
        } catch (SQLException e) {
            target.rollback();
            if (segments(target, source) == 0) {
                throw e;
            }
        }
    }

    private int segments(Connection target, TableId source) throws SQLException {
        try (PreparedStatement count = target.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE table_name = ?")) {
            count.setString(1, source.toString());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Claims the first unfinished segment of {@code tables} that no other worker holds, locked until
     * the connection's transaction ends; empty when every unfinished one is held (or none is left).
     */
    Optional<Segment> claim(Connection target, Map<String, TableId> tables) throws SQLException {
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        String sql = "SELECT table_name, segment, low_key, high_key, cursor_key FROM " + table
                + " WHERE state = 'copy' AND table_name IN (" + tables.keySet().stream().map(t -> "?").collect(Collectors.joining(", "))
                + ") ORDER BY table_name, segment LIMIT 1 FOR UPDATE SKIP LOCKED";
        try (PreparedStatement select = target.prepareStatement(sql)) {
            int index = 1;
            for (String name : tables.keySet()) {
                select.setString(index++, name);
            }
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Segment(tables.get(rs.getString(1)), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
            }
        }
    }

    /** Moves a claimed segment's cursor past a chunk, in the chunk's transaction (the caller commits). */
    void advance(Connection target, Segment segment, String cursor, int rows, boolean done) throws SQLException {
        try (PreparedStatement update = target.prepareStatement("UPDATE " + table + " SET cursor_key = ?, "
                + "rows_copied = rows_copied + ?, chunks_copied = chunks_copied + ?, state = ?, updated_ms = ? "
                + "WHERE table_name = ? AND segment = ?")) {
            update.setString(1, cursor == null ? segment.cursor() : cursor);
            update.setLong(2, rows);
            update.setLong(3, rows > 0 ? 1 : 0);
            update.setString(4, (done ? Phase.DONE : Phase.COPY).text());
            update.setLong(5, System.currentTimeMillis());
            update.setString(6, segment.table().toString());
            update.setInt(7, segment.number());
            if (update.executeUpdate() != 1) {
                throw new SQLException("the copy state of " + segment.table() + " segment " + segment.number() + " is gone");
            }
        }
    }

    private static String count(Phase phase) {
        return "SUM(CASE WHEN state = '" + phase.text() + "' THEN 1 ELSE 0 END)";
    }

    /**
     * Pauses (from copying), resumes (from paused) or aborts (unless done) the copy of these tables,
     * and commits; the number of segments changed. Workers pick the change up before their next chunk.
     */
    public int set(Connection target, Collection<TableId> tables, Phase to) throws SQLException {
        String from = switch (to) {
            case PAUSED -> "state = 'copy'";
            case COPY -> "state = 'paused'";
            case ABORTED -> "state IN ('copy', 'paused')";
            case DONE -> throw new IllegalArgumentException("a copy is done when its rows are");
        };
        int changed = 0;
        try (PreparedStatement update = target.prepareStatement("UPDATE " + table + " SET state = ?, updated_ms = ? "
                + "WHERE table_name = ? AND " + from)) {
            for (TableId source : tables) {
                update.setString(1, to.text());
                update.setLong(2, System.currentTimeMillis());
                update.setString(3, source.toString());
                changed += update.executeUpdate();
            }
        }
        target.commit();
        return changed;
    }

    /** Starts these tables' copy over from their first row (segments kept), and commits. */
    public void restart(Connection target, Collection<TableId> tables) throws SQLException {
        try (PreparedStatement update = target.prepareStatement("UPDATE " + table + " SET state = 'copy', cursor_key = NULL, "
                + "rows_copied = 0, chunks_copied = 0, updated_ms = ? WHERE table_name = ?")) {
            for (TableId source : tables) {
                update.setLong(1, System.currentTimeMillis());
                update.setString(2, source.toString());
                update.executeUpdate();
            }
        }
        target.commit();
    }

    /** Every table the state holds; empty when the state table does not exist. */
    public List<TableId> tables(Connection target) throws SQLException {
        if (!exists(target)) {
            return List.of();
        }
        List<TableId> tables = new ArrayList<>();
        try (Statement statement = target.createStatement();
                ResultSet rs = statement.executeQuery("SELECT DISTINCT table_name FROM " + table + " ORDER BY table_name")) {
            while (rs.next()) {
                String name = rs.getString(1);
                int dot = name.indexOf('.');
                tables.add(dot < 0 ? new TableId(null, name) : new TableId(name.substring(0, dot), name.substring(dot + 1)));
            }
        }
        target.rollback();
        return tables;
    }

    /**
     * Drops the copy state of these tables, for a copy that starts over, and commits; nothing to do
     * when the state table does not exist.
     */
    public void forget(Connection target, Collection<TableId> tables) throws SQLException {
        if (!exists(target)) {
            return;
        }
        try (PreparedStatement delete = target.prepareStatement("DELETE FROM " + table + " WHERE table_name = ?")) {
            for (TableId source : tables) {
                delete.setString(1, source.toString());
                delete.executeUpdate();
            }
        }
        target.commit();
    }

    /** Each table's copy as committed so far, for the given tables (absent: not planned yet). */
    public Map<TableId, TableCopy> progress(Connection target, Collection<TableId> tables) throws SQLException {
        Map<String, TableId> names = new LinkedHashMap<>();
        tables.forEach(t -> names.put(t.toString(), t));
        Map<TableId, TableCopy> copies = new LinkedHashMap<>();
        try (Statement statement = target.createStatement();
                ResultSet rs = statement.executeQuery("SELECT table_name, COUNT(*), " + count(Phase.DONE) + ", "
                        + count(Phase.PAUSED) + ", " + count(Phase.ABORTED) + ", SUM(rows_copied), SUM(chunks_copied) FROM "
                        + table + " GROUP BY table_name")) {
            while (rs.next()) {
                TableId id = names.get(rs.getString(1));
                if (id != null) {
                    copies.put(id, new TableCopy(id, rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getLong(6),
                            rs.getLong(7)));
                }
            }
        }
        target.rollback();
        return copies;
    }

}
