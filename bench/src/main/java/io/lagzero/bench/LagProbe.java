package io.lagzero.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the target's {@code MAX(seq)} every 20 ms in its own thread (over its own connection, which
 * it closes): when each of the writer's
 * commits became visible in the target. A sample is timed when its query returned, so a latency
 * is never understated.
 */
final class LagProbe implements AutoCloseable {
    record Sample(long atMillis, long maxSeq) {
    }

    private final Connection connection;
    private final String query;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;

    LagProbe(Connection connection, String table) {
        this.connection = connection;
        this.query = "SELECT COALESCE(MAX(seq), 0) FROM " + table;
        thread = new Thread(this::loop, "bench-lag-probe");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try (Statement statement = connection.createStatement()) {
            while (running) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    rows.next();
                    long max = rows.getLong(1);
                    synchronized (samples) {
                        samples.add(new Sample(System.currentTimeMillis(), max));
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The newest sample's seq (0 before the first). */
    long latestSeq() {
        synchronized (samples) {
            return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).maxSeq();
        }
    }

    /** Waits up to {@code timeoutMillis} until the target shows {@code seq}; whether it did. */
    boolean awaitSeq(long seq, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (latestSeq() < seq && System.currentTimeMillis() < deadline) {
            checkHealthy();
            Thread.sleep(20);
        }
        return latestSeq() >= seq;
    }

    List<Sample> samples() {
        checkHealthy();
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private void checkHealthy() {
        if (failure != null) {
            throw new IllegalStateException("The lag probe's query failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public void close() throws InterruptedException, SQLException {
        running = false;
        thread.join(5_000);
        connection.close();
    }
}
