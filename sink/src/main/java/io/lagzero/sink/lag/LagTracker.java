package io.lagzero.sink.lag;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The sink's end-to-end lag: {@code now − source commit time of the oldest change not yet applied};
 * with nothing pending, the age of the newest binlog change applied in the target — a heartbeat,
 * or a newer change of a table (before the first, the time since the sink started). While the
 * source writes steadily, the last applied change is fresher than the last heartbeat; an idle
 * source still has the heartbeat. Per table and overall, split into capture, backlog and
 * apply. Also counts what the snapshot has committed per table. One thread reports batches; any
 * thread may read.
 */
public final class LagTracker {
    private final Clock clock;
    private final long startedMicros;
    private final Set<ReceivedBatch> pending = ConcurrentHashMap.newKeySet();
    private final Map<String, TableProgress> tables = new ConcurrentHashMap<>();
    private final Collection<Consumer<String>> tableListeners = new CopyOnWriteArrayList<>();
    private volatile Applied newestHeartbeat;
    private volatile Applied newestStreamed;
    private volatile boolean snapshotFinished;
    private volatile boolean receivesHeartbeats = true;
    private volatile boolean copiedByBackfill;
    private volatile String copyWait;

    /** A change committed in the target, with the times it passed each stage (µs). */
    private record Applied(ChangeTiming change, long receivedMicros, long appliedMicros) {
        static Applied newer(Applied known, ChangeTiming change, long receivedMicros, long appliedMicros) {
            return known != null && known.change.commitMicros() >= change.commitMicros() ? known
                    : new Applied(change, receivedMicros, appliedMicros);
        }
    }

    public LagTracker(Clock clock) {
        this.clock = clock;
        this.startedMicros = nowMicros();
    }

    /** Calls {@code listener} with each table the first time a change of it is received. */
    public void onNewTable(Consumer<String> listener) {
        tableListeners.add(listener);
        tables.keySet().forEach(listener);
    }

    /** Tracks these tables ({@code db.table}) from now on, before any change of theirs arrives. */
    public void expect(Collection<String> tables) {
        tables.forEach(this::table);
    }

    /**
     * Whether the heartbeat topic reaches this tracker (true unless said otherwise). A Kafka Connect
     * sink task that owns no partition of it cannot tell how fresh Kafka is: with nothing pending,
     * its lag and heartbeat age are then NaN instead of growing — the task that owns the heartbeat
     * partition reports them.
     */
    public void receivesHeartbeats(boolean receives) {
        receivesHeartbeats = receives;
    }

    /**
     * The initial copy is the backfill, not Debezium's snapshot: a table counts as copied when
     * {@link #copied} says so, and the stream's first change no longer ends the initial copy.
     */
    public void copyByBackfill() {
        copiedByBackfill = true;
    }

    /**
     * The backfill's progress of one table ({@code db.table}), as committed in the target.
     *
     * @param phase what the copy of the table is doing: {@code backfill}, {@code paused}, {@code aborted}
     *     or {@code done}
     */
    public void copied(String table, long rows, String phase) {
        TableProgress progress = table(table);
        progress.copiedRows(rows);
        progress.copyPhase(phase);
        if (phase.equals("done")) {
            progress.snapshotDone();
        }
    }

    /** The table's initial-copy phase: {@code snapshot}, or the backfill's phase reported by {@link #copied}. */
    public String copyPhase(String table) {
        String phase = table(table).copyPhase();
        return phase != null ? phase : copiedByBackfill ? "backfill" : "snapshot";
    }

    /** Why the backfill waits for the source right now (its throttle), or null when it does not. */
    public void copyWaiting(String reason) {
        copyWait = reason;
    }

    public Optional<String> copyWaiting() {
        return Optional.ofNullable(copyWait);
    }

    public boolean copiesByBackfill() {
        return copiedByBackfill;
    }

    /** The backfill copied every table. */
    public void copyFinished() {
        snapshotFinished = true;
    }

    /** The sink fetched these changes; they are pending until {@link #applied} or {@link #dropped}. */
    public ReceivedBatch received(Collection<ChangeTiming> changes) {
        ReceivedBatch batch = new ReceivedBatch(changes, nowMicros());
        batch.changesPerTable().keySet().forEach(this::table);
        if (!batch.isEmpty()) {
            pending.add(batch);
        }
        return batch;
    }

    /** The batch is committed in the target. */
    public void applied(ReceivedBatch batch) {
        long now = nowMicros();
        batch.changesPerTable().forEach((table, n) -> table(table).applied(n));
        batch.newestCommitPerTable().forEach((table, micros) -> table(table).newestApplied(micros));
        if (!copiedByBackfill) {
            batch.snapshotRowsPerTable().forEach((table, n) -> table(table).snapshotRows(n));
            batch.tablesSnapshotted().forEach(table -> table(table).snapshotDone());
            if (batch.snapshotFinished()) {
                snapshotFinished = true;
            }
        }
        batch.newestHeartbeat().ifPresent(heartbeat ->
                newestHeartbeat = Applied.newer(newestHeartbeat, heartbeat, batch.receivedMicros(), now));
        batch.newestStreamed().ifPresent(change ->
                newestStreamed = Applied.newer(newestStreamed, change, batch.receivedMicros(), now));
        pending.remove(batch);
    }

    /** The batch was not applied and will be delivered again (or was routed elsewhere). */
    public void dropped(ReceivedBatch batch) {
        pending.remove(batch);
    }

    /** Change events of {@code table} waiting in Kafka (end offsets − the sink's positions). */
    public void backlog(String table, long records) {
        table(table).backlog(records);
    }

    public Lag lag() {
        long now = nowMicros();
        Optional<Pending> oldest = pending.stream().flatMap(b -> b.oldest().map(c -> new Pending(c, b)).stream())
                .min(Pending.BY_COMMIT);
        return oldest.map(p -> p.lag(now)).orElseGet(() -> idleLag(now));
    }

    public Lag lag(String table) {
        long now = nowMicros();
        Optional<Pending> oldest = pending.stream().flatMap(b -> b.oldest(table).map(c -> new Pending(c, b)).stream())
                .min(Pending.BY_COMMIT);
        return oldest.map(p -> p.lag(now)).orElseGet(() -> idleLag(now));
    }

    /**
     * Seconds since the newest heartbeat committed in the target was written on the source (or since
     * start); NaN while the heartbeat does not reach this tracker.
     */
    public double heartbeatAgeSeconds() {
        if (!receivesHeartbeats) {
            return Double.NaN;
        }
        Applied heartbeat = newestHeartbeat;
        return seconds(nowMicros() - (heartbeat == null ? startedMicros : heartbeat.change().commitMicros()));
    }

    public boolean heartbeatApplied() {
        return newestHeartbeat != null;
    }

    /** Replicated tables seen so far, {@code db.table}, without the heartbeat table (which has meters, not a row). */
    public Set<String> tables() {
        return tables.keySet().stream().filter(table -> !ChangeTiming.isHeartbeatTable(table)).collect(Collectors.toUnmodifiableSet());
    }

    public long backlogRecords(String table) {
        return table(table).backlog();
    }

    public long backlogRecords() {
        return tables.values().stream().mapToLong(TableProgress::backlog).sum();
    }

    /** Changes committed in the target (as received, before several changes of one key collapse). */
    public long appliedChanges(String table) {
        return table(table).applied();
    }

    /** Source commit time (µs since the epoch) of the newest change of the table committed in the target; 0 before any. */
    public long newestAppliedCommitMicros(String table) {
        return table(table).newestAppliedMicros();
    }

    /** This process (on Kafka Connect: this task) committed a backfill chunk of the table in the target. */
    public void copiedHere(String table, long rows) {
        table(table).copiedHere(rows);
    }

    /** Rows this process (this task) copied with the backfill. */
    public long copiedHere(String table) {
        return table(table).copiedHere();
    }

    /** Rows of the initial snapshot committed in the target. */
    public long snapshotRows(String table) {
        return table(table).snapshotRows();
    }

    /** Whether every snapshot row of the table is committed in the target. */
    public boolean snapshotDone(String table) {
        return snapshotFinished || table(table).isSnapshotDone();
    }

    /** Whether the whole initial snapshot is committed (or streaming changes have been applied). */
    public boolean snapshotFinished() {
        return snapshotFinished;
    }

    private Lag idleLag(long now) {
        if (!receivesHeartbeats) {
            return Lag.UNKNOWN;
        }
        Applied newest = newestStreamed;
        if (newest == null) {
            double sinceStart = seconds(now - startedMicros);
            return new Lag(sinceStart, sinceStart, 0, 0, Lag.Basis.SINCE_START);
        }
        ChangeTiming change = newest.change();
        double total = seconds(now - change.commitMicros());
        double backlog = change.kafkaMillis() == 0 ? 0 : seconds(newest.receivedMicros() - change.kafkaMillis() * 1000);
        double apply = seconds(newest.appliedMicros() - newest.receivedMicros());
        return new Lag(total, Math.max(0, total - backlog - apply), backlog, apply,
                change.heartbeat() ? Lag.Basis.HEARTBEAT : Lag.Basis.APPLIED_CHANGE);
    }

    private TableProgress table(String table) {
        TableProgress progress = tables.get(table);
        if (progress == null) {
            progress = tables.computeIfAbsent(table, t -> new TableProgress());
            tableListeners.forEach(listener -> listener.accept(table));
        }
        return progress;
    }

    private long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
    }

    static double seconds(long micros) {
        return Math.max(0, micros) / 1e6;
    }

    private record Pending(ChangeTiming change, ReceivedBatch batch) {
        static final Comparator<Pending> BY_COMMIT = Comparator.comparingLong(p -> p.change.commitMicros());

        Lag lag(long now) {
            long commit = change.commitMicros();
            long kafka = change.kafkaMillis() == 0 ? commit : change.kafkaMillis() * 1000;
            return new Lag(seconds(now - commit), seconds(kafka - commit), seconds(batch.receivedMicros() - kafka),
                    seconds(now - batch.receivedMicros()), Lag.Basis.PENDING_CHANGE);
        }
    }
}
