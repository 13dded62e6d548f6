package io.lagzero.e2e;

import io.lagzero.connector.rate.Pacer;
import io.lagzero.sandbox.db.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application writing to the source without pause (or at a steady rate): inserts, updates,
 * deletes, key changes.
 */
public final class OrdersWorkload implements AutoCloseable {
    public static final String CREATE = "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer VARCHAR(50) NOT NULL, "
            + "amount DECIMAL(12,2) NOT NULL, status VARCHAR(10) NULL, updated_at DATETIME(6) NOT NULL)";

    private final Connection connection;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong maxId;
    private final Thread thread;
    private final int writesPerSecond;
    private volatile boolean running = true;
    private volatile Exception failure;

    private OrdersWorkload(Connection connection, long rows, int writesPerSecond) {
        this.connection = connection;
        this.writesPerSecond = writesPerSecond;
        this.maxId = new AtomicLong(rows);
        this.thread = new Thread(this::run, "orders-workload");
    }

    public static String seed(long rows) {
        return "INSERT INTO orders SELECT seq, CONCAT('customer ', seq % 97), seq % 10000 / 100, "
                + "IF(seq % 4 = 0, NULL, 'new'), NOW(6) FROM seq_1_to_" + rows;
    }

    public static OrdersWorkload start(DatabaseServer source, String db, long rows) throws SQLException {
        return start(source, db, rows, 0);
    }

    /** @param writesPerSecond the steady rate; 0 writes as fast as the source takes it */
    public static OrdersWorkload start(DatabaseServer source, String db, long rows, int writesPerSecond) throws SQLException {
        OrdersWorkload workload = new OrdersWorkload(source.connect(db), rows, writesPerSecond);
        workload.thread.start();
        return workload;
    }

    private void run() {
        Pacer pacer = new Pacer(writesPerSecond);
        try {
            while (running) {
                writeOne(ThreadLocalRandom.current());
                writes.incrementAndGet();
                pacer.pace(1);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeOne(ThreadLocalRandom random) throws SQLException {
        int dice = random.nextInt(10);
        long someId = 1 + random.nextLong(maxId.get());
        if (dice < 5) {
            execute("INSERT INTO orders VALUES (?, 'live', ?, 'new', NOW(6))", maxId.incrementAndGet(), random.nextInt(100000) / 100.0);
        } else if (dice < 8) {
            execute("UPDATE orders SET amount = amount + 1, status = IF(status IS NULL, 'paid', NULL), updated_at = NOW(6) WHERE id = ?", someId);
        } else if (dice < 9) {
            execute("DELETE FROM orders WHERE id = ?", someId);
        } else {
            execute("UPDATE orders SET id = ? WHERE id = ?", maxId.incrementAndGet(), someId);
        }
    }

    private void execute(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    public long maxId() {
        return maxId.get();
    }

    public long writes() {
        if (failure != null) {
            throw new IllegalStateException("the workload failed", failure);
        }
        return writes.get();
    }

    public void stop() throws InterruptedException {
        running = false;
        thread.join();
    }

    @Override
    public void close() throws Exception {
        stop();
        connection.close();
    }
}
