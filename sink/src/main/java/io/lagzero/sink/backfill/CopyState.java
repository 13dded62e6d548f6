package io.lagzero.sink.backfill;

import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** A table's copy as the state records it. */
    public record TableCopy(TableId table, int segments, int segmentsDone, long rows, long chunks) {
        public boolean done() {
            return segments > 0 && segmentsDone == segments;
        }
    }

    private final Dialect dialect;
    private final String table;

    public CopyState(Dialect dialect) {
        this.dialect = dialect;
        this.table = dialect.quote(TABLE);
    }

    /** Creates the state table when missing, and commits. */
    void ensure(Connection target) throws SQLException {
        try (Statement statement = target.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + table + " (table_name VARCHAR(400) NOT NULL, "
                    + "segment INT NOT NULL, low_key VARCHAR(100) NULL, high_key VARCHAR(100) NULL, cursor_key TEXT NULL, "
                    + "rows_copied BIGINT NOT NULL, chunks_copied BIGINT NOT NULL, done SMALLINT NOT NULL, "
                    + "updated_ms BIGINT NOT NULL, PRIMARY KEY (table_name, segment))");
        }
        target.commit();
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
                + "high_key, cursor_key, rows_copied, chunks_copied, done, updated_ms) VALUES (?, ?, ?, ?, NULL, 0, 0, 0, ?)")) {
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
        String sql = "SELECT table_name, segment, low_key, high_key, cursor_key, rows_copied, chunks_copied FROM " + table
                + " WHERE done = 0 AND table_name IN (" + tables.keySet().stream().map(t -> "?").collect(Collectors.joining(", "))
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
                        rs.getString(5), rs.getLong(6), rs.getLong(7)));
            }
        }
    }

    /** Moves a claimed segment's cursor past a chunk, in the chunk's transaction (the caller commits). */
    void advance(Connection target, Segment segment, String cursor, int rows, boolean done) throws SQLException {
        try (PreparedStatement update = target.prepareStatement("UPDATE " + table + " SET cursor_key = ?, "
                + "rows_copied = rows_copied + ?, chunks_copied = chunks_copied + ?, done = ?, updated_ms = ? "
                + "WHERE table_name = ? AND segment = ?")) {
            update.setString(1, cursor == null ? segment.cursor() : cursor);
            update.setLong(2, rows);
            update.setLong(3, rows > 0 ? 1 : 0);
            update.setInt(4, done ? 1 : 0);
            update.setLong(5, System.currentTimeMillis());
            update.setString(6, segment.table().toString());
            update.setInt(7, segment.number());
            if (update.executeUpdate() != 1) {
                throw new SQLException("the copy state of " + segment.table() + " segment " + segment.number() + " is gone");
            }
        }
    }

    /**
     * Drops the copy state of these tables, for a copy that starts over, and commits; nothing to do
     * when the state table does not exist.
     */
    public void forget(Connection target, Collection<TableId> tables) throws SQLException {
        ensure(target);
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
                ResultSet rs = statement.executeQuery("SELECT table_name, COUNT(*), SUM(done), SUM(rows_copied), "
                        + "SUM(chunks_copied) FROM " + table + " GROUP BY table_name")) {
            while (rs.next()) {
                TableId id = names.get(rs.getString(1));
                if (id != null) {
                    copies.put(id, new TableCopy(id, rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        target.rollback();
        return copies;
    }

}
