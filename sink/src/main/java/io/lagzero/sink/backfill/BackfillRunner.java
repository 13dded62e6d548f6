package io.lagzero.sink.backfill;

import com.zaxxer.hikari.HikariDataSource;
import io.lagzero.sink.apply.ChangeApplier;
import io.lagzero.sink.apply.TargetPool;
import io.lagzero.sink.apply.TargetSettings;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.lag.LagTracker;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the backfill beside the stream, in {@code lagzero run} and in each Kafka Connect task: waits
 * until the binlog is streaming (from then on every change reaches the target through the stream,
 * even after a restart) or until a copy plan exists (some process saw it streaming), starts the
 * backfill, and reports its progress, as committed in the target, to the lag tracker.
 */
public final class BackfillRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillRunner.class);

    private static final Duration WAIT_NOTICE = Duration.ofMinutes(2);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lagzero-backfill-progress");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Backfill> backfill = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final LagTracker tracker;
    private volatile boolean closed;

    private BackfillRunner(LagTracker tracker) {
        this.tracker = tracker;
    }

    /**
     * @param streaming whether the binlog is streaming: Debezium committed a binlog position to resume
     *     from, or the sink received a change it streamed
     */
    public static BackfillRunner start(BackfillSettings settings, TargetSettings target, ChangeApplier applier, List<TableId> tables,
            BooleanSupplier streaming, LagTracker tracker) {
        BackfillRunner runner = new BackfillRunner(tracker);
        Thread starter = new Thread(() -> runner.startWhenStreaming(settings, target, applier, tables, streaming),
                "lagzero-backfill-start");
        starter.setDaemon(true);
        starter.start();
        return runner;
    }

    private void startWhenStreaming(BackfillSettings settings, TargetSettings target, ChangeApplier applier,
            List<TableId> tables, BooleanSupplier streaming) {
        try {
            String why = awaitStream(target, tables, streaming);
            // Under the lock close() takes too: a close while the backfill starts waits, then stops it.
            synchronized (this) {
                if (closed) {
                    return;
                }
                LOG.info("{}: starting the backfill", why);
                backfill.set(Backfill.start(settings, target, applier, tables,
                        (table, rows) -> tracker.copiedHere(table.toString(), rows)));
                scheduler.scheduleWithFixedDelay(this::report, 0, 1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The backfill did not start: {}", e.getMessage());
            failure.compareAndSet(null, e);
        }
    }

    /** Waits until the backfill may copy, and says why it may. */
    private String awaitStream(TargetSettings target, List<TableId> tables, BooleanSupplier streaming)
            throws InterruptedException {
        CopyState state = new CopyState(target.dialect());
        long waitingSince = System.nanoTime();
        boolean told = false;
        try (HikariDataSource pool = TargetPool.open(target, "lagzero-backfill-wait", 1)) {
            while (!closed && !streaming.getAsBoolean()) {
                try (Connection connection = pool.getConnection()) {
                    if (state.isPlanned(connection, tables)) {
                        return "The copy was planned once the binlog was streaming";
                    }
                } catch (SQLException e) {
                    LOG.debug("Cannot read the copy state yet: {}", e.getMessage());
                }
                if (!told && System.nanoTime() - waitingSince > WAIT_NOTICE.toNanos()) {
                    LOG.warn("The backfill of {} still waits for the binlog stream after {} s: is the Debezium source "
                            + "running and streaming? (its heartbeat brings a change every heartbeat.interval.ms)",
                            tables, WAIT_NOTICE.toSeconds());
                    told = true;
                }
                Thread.sleep(500);
            }
        }
        return "The binlog is streaming";
    }

    private void report() {
        Backfill running = backfill.get();
        Map<TableId, CopyState.TableCopy> progress = running.progress();
        tracker.copyWaiting(running.throttled().orElse(null));
        progress.values().forEach(copy -> tracker.copied(copy.table().toString(), copy.rows(), copy.phase().statusName()));
        if (!progress.isEmpty() && progress.values().stream().allMatch(CopyState.TableCopy::done)) {
            tracker.copyFinished();
        }
    }

    public Optional<Backfill> backfill() {
        return Optional.ofNullable(backfill.get());
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get()).or(() -> backfill().flatMap(Backfill::failure));
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        scheduler.shutdownNow();
        Backfill running = backfill.get();
        if (running != null) {
            running.close();
        }
    }
}
