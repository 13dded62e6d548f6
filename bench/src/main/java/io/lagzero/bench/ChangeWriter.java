package io.lagzero.bench;

import io.lagzero.connector.rate.Pacer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An application writing to the source at a fixed rate: 60 % inserts, 30 % updates, 10 % deletes,
 * committed every 10 ms. Every insert and update stamps the row's {@code seq} with a change
 * counter, so a target's {@code MAX(seq)} says which of these commits it has applied: updates touch
 * only ids ≡ 0 (mod 4) and deletes only ids ≡ 1 (mod 4) older than the last 1,000 inserts, so no
 * delete ever removes the row holding the maximum.
 */
final class ChangeWriter {
    private static final int TICK_MS = 10;
    private static final int SETTLED = 1_000;

    /** A committed source transaction: its highest visible seq, when the commit returned, its size. */
    record Commit(long seq, long committedAtMillis, int changes) {
    }

    /** What one {@link #run} wrote. */
    record Written(List<Commit> commits, long changes, Duration took) {
        double perSecond() {
            return changes / (took.toNanos() / 1e9);
        }

        long lastSeq() {
            return commits.isEmpty() ? 0 : commits.get(commits.size() - 1).seq();
        }
    }

    private final Connection connection;
    private final String table;
    private final SplittableRandom random = new SplittableRandom(42);
    private final Map<Integer, PreparedStatement> inserts = new HashMap<>();
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private long nextId = 1;
    private long nextDelete = 1;
    private long seq;

    ChangeWriter(Connection connection, String table) throws SQLException {
        this.connection = connection;
        this.table = table;
        connection.setAutoCommit(false);
        update = connection.prepareStatement("UPDATE " + table + " SET seq = ?, duration_ms = ? WHERE id = ?");
        delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
    }

    /** Writes {@code perSecond} changes a second for {@code duration}; returns every commit. */
    Written run(int perSecond, Duration duration) throws SQLException, InterruptedException {
        List<Commit> commits = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Pacer pacer = new Pacer(perSecond);
        int most = Math.max(1, perSecond / 10);
        while (System.nanoTime() < end) {
            long due = pacer.due();
            if (due <= 0) {
                Thread.sleep(TICK_MS);
                continue;
            }
            int changes = (int) Math.min(due, most);
            commits.add(transaction(changes));
            pacer.done(changes);
        }
        return new Written(commits, pacer.total(), Duration.ofNanos(System.nanoTime() - start));
    }

    private Commit transaction(int changes) throws SQLException {
        int insertCount = 0;
        List<Long> updates = new ArrayList<>();
        List<Long> deletes = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
            int kind = random.nextInt(10);
            long settled = nextId - SETTLED;
            if (kind == 9 && nextDelete < settled) {
                deletes.add(nextDelete);
                nextDelete += 4;
            } else if (kind >= 6 && settled > 4) {
                long low = Math.max(0, settled - 50_000);
                updates.add((low + random.nextLong(settled - low)) & ~3L);
            } else {
                insertCount++;
            }
        }
        long visible = seq;
        if (insertCount > 0) {
            PreparedStatement insert = inserts.computeIfAbsent(insertCount, this::prepareInsert);
            for (int i = 0; i < insertCount; i++) {
                Pageviews.bind(insert, i * Pageviews.COLUMNS.length, nextId++, ++seq);
            }
            insert.executeUpdate();
            visible = seq;
        }
        for (long id : updates) {
            update.setLong(1, ++seq);
            update.setInt(2, random.nextInt(600_000));
            update.setLong(3, id);
            update.addBatch();
            visible = seq;
        }
        if (!updates.isEmpty()) {
            update.executeBatch();
        }
        for (long id : deletes) {
            delete.setLong(1, id);
            delete.addBatch();
            seq++;
        }
        if (!deletes.isEmpty()) {
            delete.executeBatch();
        }
        connection.commit();
        return new Commit(visible, System.currentTimeMillis(), changes);
    }

    private PreparedStatement prepareInsert(int rows) {
        try {
            return connection.prepareStatement(Pageviews.insert(table, rows, null));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the insert of " + rows + " rows: " + e.getMessage(), e);
        }
    }
}
