package io.lagzero.demo;

import io.lagzero.connector.HeartbeatTable;
import io.lagzero.connector.SourceProgress;
import io.lagzero.control.cutover.CutoverFence;
import io.lagzero.control.run.Pipeline;
import io.lagzero.sink.backfill.Backfill;
import io.lagzero.sink.backfill.BackfillRunner;
import io.lagzero.sink.event.TableId;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Watches the pipeline during the demo and prints what a person wants to see, every two seconds. */
final class Progress {
    private static final long TICK_MILLIS = 500;
    private static final long PRINT_EVERY_MILLIS = 2000;

    private final Pipeline pipeline;
    private final Map<TableId, Long> totals;
    private final PrintWriter out;
    private final long startedNanos = System.nanoTime();
    private final List<Double> streamingLagSeconds = new ArrayList<>();
    private long lastPrint;

    Progress(Pipeline pipeline, Map<TableId, Long> totals, PrintWriter out) {
        this.pipeline = pipeline;
        this.totals = totals;
        this.out = out;
    }

    /** Reports until the initial copy is done (the backfill in the target, or the snapshot in Kafka) and then for {@code streaming} more. */
    void untilCopiedAndThen(Duration streaming, LiveWriter writer) throws InterruptedException {
        long copiedNanos = 0;
        while (copiedNanos == 0 || System.nanoTime() - copiedNanos < streaming.toNanos()) {
            Thread.sleep(TICK_MILLIS);
            failIfStopped();
            if (copiedNanos == 0 && initialCopyDone()) {
                copiedNanos = System.nanoTime();
                Map<TableId, Long> copied = copiedRows();
                long rows = copied.values().stream().mapToLong(Long::longValue).sum();
                double seconds = (copiedNanos - startedNanos) / 1e9;
                out.printf("%s: %,d rows in %.1f s (%,.0f rows/s %s); streaming for %s%n", pipeline.backfill().isPresent()
                        ? "backfill copied" : "snapshot read", rows, seconds, rows / seconds, pipeline.backfill().isPresent()
                        ? "straight into the target, while the binlog streamed" : "through Debezium into Kafka", streaming);
            } else if (copiedNanos != 0) {
                streamingLagSeconds.add(lagSeconds());
            }
            printEveryTwoSeconds(writer.writes());
        }
    }

    /**
     * Writes a fence on the source (as its administrator: the cutover left it frozen) and waits until
     * the fence, and so everything before it, is in the target.
     */
    void drain(Sandbox sandbox, long writes) throws SQLException, InterruptedException {
        long started = System.nanoTime();
        out.printf("writer stopped after %,d writes; waiting for the last changes to be applied ...%n", writes);
        CutoverFence fence = new CutoverFence(HeartbeatTable.in(DemoSchema.DATABASE));
        try (Connection source = sandbox.source().connect(DemoSchema.DATABASE)) {
            fence.write(source);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        try (Connection target = sandbox.connectTarget()) {
            while (!(fence.isInTarget(target, sandbox.targetQualifier()) && pipeline.backlog() == 0)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the target did not catch up within 10 minutes (backlog "
                            + pipeline.backlog() + " changes)");
                }
                failIfStopped();
                Thread.sleep(200);
            }
        }
        double total = (System.nanoTime() - startedNanos) / 1e9;
        out.printf("caught up in %.1f s; %,d rows applied to the target in %.1f s overall (%,.0f rows/s)%n",
                (System.nanoTime() - started) / 1e9, pipeline.sinkProgress().appliedRows(), total,
                pipeline.sinkProgress().appliedRows() / total);
        if (!streamingLagSeconds.isEmpty()) {
            Collections.sort(streamingLagSeconds);
            out.printf("lag while streaming (now − source commit time of the oldest change not yet in the target, "
                    + "else the newest applied change's age): p50 %.1f s, p99 %.1f s, max %.1f s%n", percentile(0.50), percentile(0.99),
                    streamingLagSeconds.get(streamingLagSeconds.size() - 1));
        }
    }

    private void printEveryTwoSeconds(long writes) {
        long now = System.currentTimeMillis();
        if (now - lastPrint < PRINT_EVERY_MILLIS) {
            return;
        }
        lastPrint = now;
        Map<TableId, Long> copied = copiedRows();
        String copy = totals.entrySet().stream()
                .map(e -> e.getKey().table() + " " + copied.getOrDefault(e.getKey(), 0L) + "/" + e.getValue())
                .collect(Collectors.joining("  "));
        out.printf("[%4.0fs] %s %s | applied %,d rows | writes %,d | binlog changes %,d | lag %.1f s%n",
                (System.nanoTime() - startedNanos) / 1e9, pipeline.backfill().isPresent() ? "backfill" : "snapshot", copy,
                pipeline.sinkProgress().appliedRows(), writes, pipeline.sourceProgress().changes(), lagSeconds());
    }

    private Optional<Backfill> backfill() {
        return pipeline.backfill().flatMap(BackfillRunner::backfill);
    }

    private boolean initialCopyDone() {
        return pipeline.backfill().isPresent() ? backfill().map(Backfill::isFinished).orElse(false)
                : pipeline.sourceProgress().snapshotDone();
    }

    /** Rows of each table the initial copy has: committed in the target by the backfill, or read into Kafka by the snapshot. */
    private Map<TableId, Long> copiedRows() {
        if (pipeline.backfill().isPresent()) {
            Map<TableId, Long> rows = new HashMap<>();
            backfill().ifPresent(b -> b.progress().forEach((table, copy) -> rows.put(table, copy.rows())));
            return rows;
        }
        SourceProgress source = pipeline.sourceProgress();
        return totals.keySet().stream().collect(Collectors.toMap(t -> t, t -> source.snapshotRows(pipeline.topic(t))));
    }

    private double lagSeconds() {
        return pipeline.monitor().lagSeconds();
    }

    private double percentile(double p) {
        return streamingLagSeconds.get((int) Math.min(streamingLagSeconds.size() - 1, Math.floor(p * streamingLagSeconds.size())));
    }

    private void failIfStopped() {
        pipeline.failure().ifPresent(error -> {
            throw new IllegalStateException("the pipeline stopped: " + error.getMessage(), error);
        });
    }

    static String counts(Map<TableId, Long> totals) {
        return totals.entrySet().stream().map(e -> String.format("%s %,d", e.getKey().table(), e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
