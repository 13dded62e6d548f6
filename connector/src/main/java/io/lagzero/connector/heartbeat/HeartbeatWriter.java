package io.lagzero.connector.heartbeat;

import io.lagzero.connector.HeartbeatTable;
import io.lagzero.connector.JdbcConnections;
import io.lagzero.connector.SetupException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites this pipeline's heartbeat row on the source every interval, so that the row flows through
 * binlog → Kafka → sink → target and proves how fresh the target is even while the application is
 * idle. A failed write is logged and tried again at the next beat (with a new connection).
 */
public final class HeartbeatWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatWriter.class);

    private final HeartbeatTable table;
    private final String pipeline;
    private final String url;
    private final String user;
    private final String password;
    private final Clock clock;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "lagzero-heartbeat"));
    private final AtomicLong beats = new AtomicLong();
    private final AtomicLong lastWrittenMicros = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private Connection connection;

    private HeartbeatWriter(HeartbeatTable table, String pipeline, String url, String user, String password, Clock clock) {
        this.table = table;
        this.pipeline = pipeline;
        this.url = url;
        this.user = user;
        this.password = password;
        this.clock = clock;
    }

    /** Starts beating at once and then every {@code interval} (positive). */
    public static HeartbeatWriter start(HeartbeatTable table, String pipeline, Duration interval, String url, String user,
            String password) {
        HeartbeatWriter writer = new HeartbeatWriter(table, pipeline, url, user, password, Clock.systemUTC());
        writer.scheduler.scheduleWithFixedDelay(writer::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return writer;
    }

    private void beat() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        try {
            if (connection == null) {
                connection = JdbcConnections.open("source", url, user, password);
            }
            try (PreparedStatement ps = connection.prepareStatement(table.upsertSql())) {
                ps.setString(1, pipeline);
                ps.setLong(2, beats.incrementAndGet());
                ps.setLong(3, now);
                ps.executeUpdate();
            }
            lastWrittenMicros.set(now);
            if (failure.getAndSet(null) != null) {
                LOG.info("Writing heartbeats to {} works again", table.table());
            }
        } catch (SQLException | SetupException e) {
            if (failure.getAndSet(e.getMessage()) == null) {
                LOG.warn("Cannot write the heartbeat to {} on the source (will keep trying): {}", table.table(), e.getMessage());
            }
            closeConnection();
        }
    }

    /** The writer's clock at the newest heartbeat written, microseconds since the epoch; 0 before the first. */
    public long lastWrittenMicros() {
        return lastWrittenMicros.get();
    }

    /** Why the last heartbeat could not be written; empty while writing works. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure.get());
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the heartbeat connection failed: {}", e.getMessage());
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
