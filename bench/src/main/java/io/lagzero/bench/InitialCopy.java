package io.lagzero.bench;

import io.lagzero.control.run.Pipeline;
import io.lagzero.control.run.PipelineConfig;
import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.backfill.Backfill;
import io.lagzero.sink.backfill.BackfillRunner;
import io.lagzero.sink.backfill.BackfillSettings;
import io.lagzero.sink.backfill.CopyState;
import io.lagzero.sink.source.TableSelector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lagzero run}'s initial copy of the benchmark table, with its pipeline started in this JVM
 * against the benchmark's servers, into an empty target database: either lagzero's backfill or
 * Debezium's snapshot through Kafka. Timed from {@link Pipeline#start} until every row is committed
 * in the target; the CPU is this JVM's, which also hosts the Kafka broker ({@link PhaseCpu} tells it apart).
 */
final class InitialCopy {
    private static final Duration LIMIT = Duration.ofMinutes(30);
    private static final String TABLE = "pageviews";

    /**
     * The rows copied, this JVM's CPU and heap peaks over the copy, its heap after a full collection
     * just before, and for the backfill how long after {@link Pipeline#start} it started copying.
     */
    record Result(SnapshotRun.Rate rate, PhaseCpu.Used cpu, long heapBeforeMb, long heapPeakMb, long heapAfterGcPeakMb,
            Optional<Duration> startedAfter) {
    }

    private final Servers servers;
    private final long rows;

    InitialCopy(Servers servers, long rows) {
        this.servers = servers;
        this.rows = rows;
    }

    /** The backfill (default settings): done when every segment of the table is copied and committed. */
    Result backfill() throws Exception {
        return run("run_backfill", "backfill", Optional.of(BackfillSettings.defaults()));
    }

    /** Debezium's snapshot: done when the sink has applied every row. */
    Result snapshot() throws Exception {
        return run("run_snapshot", "run-snapshot", Optional.empty());
    }

    private Result run(String database, String topicPrefix, Optional<BackfillSettings> backfill) throws Exception {
        servers.target.createDatabase(database);
        Path dataDir = ServerDirs.fresh("bench-" + topicPrefix);
        PipelineConfig config = PipelineConfig.of(servers.source.url(Connectors.DATABASE), MariaDbServer.USER,
                MariaDbServer.PASSWORD, servers.target.url(database), servers.target.user(), servers.target.password(),
                TableSelector.parse(Connectors.DATABASE + "." + TABLE), Optional.of(servers.kafka.bootstrapServers()), dataDir,
                topicPrefix, Map.of()).withBackfill(backfill);
        System.gc();
        long heapBefore = JvmMemory.heapUsedBytes() >> 20;
        try (MemoryPeak memory = MemoryPeak.ofThisJvm()) {
            PhaseCpu cpu = PhaseCpu.start();
            long start = System.nanoTime();
            SnapshotRun.Rate rate;
            PhaseCpu.Used used;
            Optional<Duration> startedAfter;
            try (Pipeline pipeline = Pipeline.start(config)) {
                rate = awaitCopied(pipeline, database, start);
                used = cpu.used();
                startedAfter = running(pipeline).map(Backfill::elapsed)
                        .map(copying -> Duration.ofNanos(System.nanoTime() - start).minus(copying));
            }
            if (!rate.complete()) {
                throw new IllegalStateException(topicPrefix + " copied " + rate.rows() + " of " + rows + " rows in " + LIMIT);
            }
            checkEqualCounts(database);
            return new Result(rate, used, heapBefore, memory.heapMb(), memory.retainedMb(), startedAfter);
        } finally {
            ServerDirs.deleteRecursively(dataDir);
        }
    }

    /**
     * Polls every 100 ms until the copy looks complete (the backfill's workers finished with every
     * segment done, or the sink applied as many rows as the table has) and the target holds every
     * row; the time is taken when it looked complete, before the count that confirms it.
     */
    private SnapshotRun.Rate awaitCopied(Pipeline pipeline, String database, long start) throws InterruptedException {
        long deadline = start + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            pipeline.failure().ifPresent(failure -> {
                throw new IllegalStateException("lagzero run's pipeline failed: " + failure.getMessage(), failure);
            });
            if (looksComplete(pipeline)) {
                long took = System.nanoTime() - start;
                if (count(servers.target, database) == rows) {
                    return new SnapshotRun.Rate(rows, Duration.ofNanos(took), true);
                }
            }
            Thread.sleep(100);
        }
        return new SnapshotRun.Rate(count(servers.target, database), LIMIT, false);
    }

    private boolean looksComplete(Pipeline pipeline) {
        if (pipeline.backfill().isEmpty()) {
            return pipeline.sinkProgress().appliedRows() >= rows;
        }
        Optional<Backfill> backfill = running(pipeline);
        if (backfill.isEmpty() || !backfill.get().isFinished()) {
            return false;
        }
        Map<?, CopyState.TableCopy> progress = backfill.get().progress();
        return !progress.isEmpty() && progress.values().stream().allMatch(CopyState.TableCopy::done);
    }

    private static Optional<Backfill> running(Pipeline pipeline) {
        return pipeline.backfill().flatMap(BackfillRunner::backfill);
    }

    private void checkEqualCounts(String database) {
        long source = count(servers.source, Connectors.DATABASE);
        long target = count(servers.target, database);
        if (source != rows || target != rows) {
            throw new IllegalStateException(database + "." + TABLE + " has " + target + " rows, the source " + source
                    + ", expected " + rows);
        }
    }

    private static long count(DatabaseServer server, String database) {
        try (Connection connection = server.connect(database); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count " + database + "." + TABLE + ": " + e.getMessage(), e);
        }
    }
}
