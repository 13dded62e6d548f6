package io.lagzero.demo;

import io.lagzero.connector.rate.Pacer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox application: inserts, updates and deletes on the source at a steady rate, in
 * small transactions, including primary-key changes.
 */
final class LiveWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveWriter.class);
    private static final int TRANSACTIONS_PER_SECOND = 10;
    /** ER_OPTION_PREVENTS_STATEMENT: the server runs with read_only. */
    private static final int READ_ONLY = 1290;

    private final Connection connection;
    private final int writesPerSecond;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong maxSiteId;
    private final AtomicLong maxPageviewId;
    private final AtomicLong maxEventId;
    private volatile boolean running = true;
    private volatile SQLException failure;
    private volatile boolean frozen;

    LiveWriter(Connection connection, int writesPerSecond, long sites, long pageviews, long events) throws SQLException {
        this.connection = connection;
        this.writesPerSecond = writesPerSecond;
        this.maxSiteId = new AtomicLong(sites);
        this.maxPageviewId = new AtomicLong(pageviews);
        this.maxEventId = new AtomicLong(events);
        connection.setAutoCommit(false);
    }

    @Override
    public void run() {
        // A tenth of a second's writes per transaction, at least one.
        int perTransaction = Math.max(1, writesPerSecond / TRANSACTIONS_PER_SECOND);
        Pacer pacer = new Pacer(writesPerSecond);
        try {
            while (running && writesPerSecond == 0) {
                Thread.sleep(100);
            }
            while (running) {
                for (int i = 0; i < perTransaction; i++) {
                    writeOne(ThreadLocalRandom.current());
                }
                connection.commit();
                writes.addAndGet(perTransaction);
                pacer.pace(perTransaction);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == READ_ONLY) {
                frozen = true;
                rollbackQuietly();
                LOG.info("The source refuses writes (read_only): the live writer stops after {} writes", writes.get());
            } else {
                failure = e;
                LOG.error("The live writer failed: {}", e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback after the freeze failed: {}", e.getMessage());
        }
    }

    /** Whether the writer stopped because the source was frozen (writes refused under read_only). */
    boolean stoppedByFreeze() {
        return frozen;
    }

    private void writeOne(ThreadLocalRandom random) throws SQLException {
        int dice = random.nextInt(100);
        if (dice < 45) {
            long id = maxPageviewId.incrementAndGet();
            update("INSERT INTO pageviews (id, site_id, url, user_signature, viewed_at, duration_ms, referrer) "
                    + "VALUES (?, ?, CONCAT('/live/', ?), UNHEX(SHA2(?, 256)), NOW(6), ?, NULL)",
                    id, 1 + random.nextLong(maxSiteId.get()), id, id, random.nextInt(100_000));
        } else if (dice < 60) {
            long id = maxEventId.incrementAndGet();
            update("INSERT INTO events (id, site_id, kind, payload, amount, day) VALUES (?, ?, 'purchase', "
                    + "JSON_OBJECT('live', ?, 'emoji', '🛒'), ?, CURDATE())", id, 1 + random.nextLong(maxSiteId.get()), id,
                    random.nextInt(100_000) / 100.0);
        } else if (dice < 80) {
            update("UPDATE sites SET visits = visits + 1, updated_at = NOW(6), monthly_fee = monthly_fee + 0.000001, "
                    + "notes = IF(notes IS NULL, '', NULL) WHERE id = ?", 1 + random.nextLong(maxSiteId.get()));
        } else if (dice < 88) {
            update("UPDATE pageviews SET duration_ms = NULL, referrer = 'https://ünïcode.example/😀' WHERE id = ?",
                    1 + random.nextLong(maxPageviewId.get()));
        } else if (dice < 93) {
            update("DELETE FROM pageviews WHERE id = ?", 1 + random.nextLong(maxPageviewId.get()));
        } else if (dice < 95) {
            update("DELETE FROM sites WHERE id = ?", 1 + random.nextLong(maxSiteId.get()));
        } else if (dice < 97) {
            long id = maxSiteId.incrementAndGet();
            update("INSERT INTO sites (id, domain, name, monthly_fee, created_at, is_active) "
                    + "VALUES (?, CONCAT('new', ?, '.example'), 'Neue Seite ✨', 9.99, NOW(6), TRUE)", id, id);
        } else {
            update("UPDATE events SET id = ? WHERE id = ?", maxEventId.incrementAndGet(), 1 + random.nextLong(maxEventId.get() - 1));
        }
    }

    private void update(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    long writes() {
        return writes.get();
    }

    SQLException failure() {
        return failure;
    }

    void stop() {
        running = false;
    }
}
