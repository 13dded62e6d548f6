package io.lagzero.control.cutover;

import io.lagzero.connector.HeartbeatTable;
import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The last write on the frozen source: a row in the replicated heartbeat table with a number never
 * used before. Debezium produces in binlog order, so once the row is in the target every write
 * the source accepted before the freeze is there too. {@code lagzero demo} drains the same way.
 */
public final class CutoverFence {
    private static final String PIPELINE = "cutover-fence";
    private static final Duration POLL = Duration.ofMillis(50);

    private final HeartbeatTable table;
    private final long marker = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

    public CutoverFence(HeartbeatTable table) {
        this.table = table;
    }

    /** Writes the fence row as the source connection's user, who must be allowed to write while the source is frozen. */
    public void write(Connection source) throws SQLException {
        try (PreparedStatement ps = source.prepareStatement(table.upsertSql())) {
            ps.setString(1, PIPELINE);
            ps.setLong(2, marker);
            ps.setLong(3, System.currentTimeMillis() * 1000);
            ps.executeUpdate();
        }
        if (!source.getAutoCommit()) {
            source.commit();
        }
    }

    /** Whether the fence row is in the target now. */
    public boolean isInTarget(Connection target, String qualifier) throws SQLException {
        try (PreparedStatement ps = target.prepareStatement(selectSql(target, qualifier))) {
            return isIn(target, ps);
        }
    }

    /** Polls the target until the fence is there; false when {@code timeout} passed first. */
    public boolean awaitInTarget(Connection target, String qualifier, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (PreparedStatement ps = target.prepareStatement(selectSql(target, qualifier))) {
            while (!isIn(target, ps)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(POLL.toMillis());
            }
            return true;
        }
    }

    private static String selectSql(Connection target, String qualifier) throws SQLException {
        Dialect dialect = Dialects.of(target);
        return "SELECT COUNT(*) FROM " + dialect.qualified(qualifier, HeartbeatTable.NAME) + " WHERE "
                + dialect.quote("pipeline") + " = ? AND " + dialect.quote("beats") + " = ?";
    }

    private boolean isIn(Connection target, PreparedStatement ps) throws SQLException {
        ps.setString(1, PIPELINE);
        ps.setLong(2, marker);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 1;
        } finally {
            if (!target.getAutoCommit()) {
                target.commit();
            }
        }
    }
}
