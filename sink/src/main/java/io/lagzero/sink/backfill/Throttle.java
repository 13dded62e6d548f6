package io.lagzero.sink.backfill;

import io.lagzero.sink.source.SourceCatalog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the backfill from hurting the source: at most {@code maxRowsPerSecond} rows per second over
 * all workers, and no chunk at all while the source's {@code Threads_running} (sampled every
 * second) is above {@code maxThreadsRunning} — the application then has the server to itself.
 */
final class Throttle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long maxRowsPerSecond;
    private final int maxThreadsRunning;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lagzero-backfill-load");
        thread.setDaemon(true);
        return thread;
    });
    private final SourceCatalog source;
    private Connection connection;
    private long nextFreeNanos = System.nanoTime();
    private volatile String loadReason;

    Throttle(BackfillSettings settings, SourceCatalog source) {
        this.maxRowsPerSecond = settings.maxRowsPerSecond();
        this.maxThreadsRunning = settings.maxThreadsRunning();
        this.source = source;
        if (maxThreadsRunning > 0) {
            sampler.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
        }
    }

    /** Waits while the source is under load, then until {@code rows} more rows fit the rate. */
    void beforeChunk(int rows) throws InterruptedException {
        while (loadReason != null) {
            Thread.sleep(500);
        }
        if (maxRowsPerSecond <= 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + rows * NANOS_PER_SECOND / maxRowsPerSecond;
            wait = start - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Why the backfill waits right now, if it does: for status pages. */
    Optional<String> reason() {
        return Optional.ofNullable(loadReason);
    }

    private void sample() {
        try {
            if (connection == null) {
                connection = source.connect();
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Threads_running'")) {
                long running = rs.next() ? rs.getLong(2) : 0;
                String reason = running > maxThreadsRunning ? "source Threads_running " + running + " > " + maxThreadsRunning
                        : null;
                if (reason != null && loadReason == null) {
                    LOG.info("Backfill waiting: {}", reason);
                }
                loadReason = reason;
            }
        } catch (SQLException e) {
            LOG.debug("Cannot read the source's load: {}", e.getMessage());
            close(connection);
            connection = null;
            loadReason = null;
        }
    }

    private static void close(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            LOG.debug("Closing the load sampler's connection failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close(connection);
    }
}
