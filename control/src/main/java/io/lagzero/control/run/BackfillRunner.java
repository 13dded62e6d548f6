package io.lagzero.control.run;

import io.lagzero.sink.apply.ChangeApplier;
import io.lagzero.sink.apply.TargetSettings;
import io.lagzero.sink.backfill.Backfill;
import io.lagzero.sink.backfill.BackfillSettings;
import io.lagzero.sink.backfill.CopyState;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.lag.LagTracker;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
 * Runs the backfill in {@code lagzero run}: waits until Debezium's binlog position is committed
 * (from then on every change reaches the target through the stream, even after a restart), starts
 * the backfill, and reports its progress, as committed in the target, to the lag tracker.
 */
public final class BackfillRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillRunner.class);
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(5);

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

    /** @param streaming whether Debezium has committed a binlog position to resume streaming from */
    static BackfillRunner start(BackfillSettings settings, TargetSettings target, ChangeApplier applier, List<TableId> tables,
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
            long deadline = System.nanoTime() + STREAM_TIMEOUT.toNanos();
            while (!closed && !streaming.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Debezium committed no binlog position within " + STREAM_TIMEOUT
                            + ", so the backfill cannot start safely");
                }
                Thread.sleep(500);
            }
            // Under the lock close() takes too: a close while the backfill starts waits, then stops it.
            synchronized (this) {
                if (closed) {
                    return;
                }
                LOG.info("The binlog is streaming; starting the backfill");
                backfill.set(Backfill.start(settings, target, applier, tables));
                scheduler.scheduleWithFixedDelay(this::report, 0, 1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The backfill did not start: {}", e.getMessage());
            failure.compareAndSet(null, e);
        }
    }

    private void report() {
        Backfill running = backfill.get();
        Map<TableId, CopyState.TableCopy> progress = running.progress();
        tracker.copyWaiting(running.throttled().orElse(null));
        progress.values().forEach(copy -> tracker.copied(copy.table().toString(), copy.rows(), copy.phase() == CopyState.Phase.COPY
                ? "backfill" : copy.phase().name().toLowerCase(Locale.ROOT)));
        if (!progress.isEmpty() && progress.values().stream().allMatch(CopyState.TableCopy::done)) {
            tracker.copyFinished();
        }
    }

    public Optional<Backfill> backfill() {
        return Optional.ofNullable(backfill.get());
    }

    Optional<Throwable> failure() {
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
