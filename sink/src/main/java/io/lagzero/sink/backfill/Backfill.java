package io.lagzero.sink.backfill;

import com.zaxxer.hikari.HikariDataSource;
import io.lagzero.sink.apply.ApplyException;
import io.lagzero.sink.apply.ChangeApplier;
import io.lagzero.sink.apply.TargetPool;
import io.lagzero.sink.apply.TargetSettings;
import io.lagzero.sink.error.SqlErrors;
import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.source.SourceCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies every row of the selected tables straight from the source into the target, in primary-key
 * chunks, several at once, while the stream of binlog changes is applied beside it. Each chunk is
 * read with a locking read, written to the target together with its segment's new cursor in one
 * transaction, and only then unlocked on the source: so a change to a copied row commits on the
 * source, and reaches the stream, only after the copy of that row is in the target, and the stream
 * then overwrites it (docs/backfill.md has the whole argument). Resumes from the copy state after
 * any crash; several processes (Kafka Connect tasks) share the work through it.
 */
public final class Backfill implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
    private static final Duration IDLE_WAIT = Duration.ofMillis(200);
    /** How often a worker with nothing to copy looks again (an operator may resume or re-copy a table). */
    private static final Duration SETTLED_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final BackfillSettings settings;
    private final SourceCatalog source;
    private final ChangeApplier applier;
    private final CopyState state;
    private final HikariDataSource targetPool;
    private final Map<String, TableId> tableNames = new LinkedHashMap<>();
    private final Map<TableId, ChunkReader> readers = new LinkedHashMap<>();
    private final ChunkListener listener;
    private final CountDownLatch stopped;
    private final Throttle throttle;
    private final long startedNanos = System.nanoTime();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;

    /** Told of every chunk this backfill committed in the target. */
    @FunctionalInterface
    public interface ChunkListener {
        void copied(TableId table, int rows);
    }

    private Backfill(BackfillSettings settings, TargetSettings target, ChangeApplier applier, ChunkListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.source = target.sourceCatalog();
        this.applier = applier;
        this.state = new CopyState(target.dialect());
        this.targetPool = TargetPool.open(target, "lagzero-backfill", settings.parallelism() + 1);
        this.stopped = new CountDownLatch(settings.parallelism());
        this.throttle = new Throttle(settings, source);
    }

    /**
     * Plans the tables not planned yet, creates their target tables, and starts the workers. Call it
     * only once the stream is live: every change committed on the source from now on must reach
     * the target through the stream.
     *
     * @param target the sink's target settings; their source catalog is where the rows are read
     * @param listener told of each chunk committed in the target
     */
    public static Backfill start(BackfillSettings settings, TargetSettings target, ChangeApplier applier, List<TableId> tables,
            ChunkListener listener) {
        if (target.sourceCatalog() == null) {
            throw new IllegalArgumentException("The backfill reads the source, and no source connection is configured. "
                    + "Fix: set source.connection.url, source.connection.user and source.connection.password");
        }
        Backfill backfill = new Backfill(settings, target, applier, listener);
        try {
            backfill.prepare(tables);
        } catch (SQLException | RuntimeException e) {
            backfill.close();
            throw new IllegalStateException("Cannot prepare the backfill: " + e.getMessage(), e);
        }
        backfill.startWorkers();
        return backfill;
    }

    private void prepare(List<TableId> tables) throws SQLException {
        try (Connection sourceConnection = source.connect(); Connection target = targetPool.getConnection()) {
            state.ensure(target);
            for (TableId table : tables) {
                SourceTable described = SourceTable.describe(sourceConnection, table);
                ChunkReader reader = new ChunkReader(described);
                applier.prepareCopy(reader.shape());
                state.plan(target, table, Segments.bounds(sourceConnection, described, settings));
                readers.put(table, reader);
                tableNames.put(table.toString(), table);
            }
            state.progress(target, tables).values().stream().filter(CopyState.TableCopy::done)
                    .forEach(copy -> applier.copied(copy.table()));
        }
    }

    private void startWorkers() {
        for (int i = 0; i < settings.parallelism(); i++) {
            Thread worker = new Thread(this::work, "lagzero-backfill-" + i);
            worker.setDaemon(true);
            worker.start();
        }
        LOG.info("Backfilling {} with {} workers, {} rows per chunk", readers.keySet(), settings.parallelism(),
                settings.chunkRows());
    }

    private void work() {
        int conflicts = 0;
        int failures = 0;
        Connection sourceConnection = null;
        String lockClause = null;
        try {
            while (!stopping && failure.get() == null) {
                try {
                    if (sourceConnection == null) {
                        sourceConnection = source.connect();
                        ChunkReader.prepare(sourceConnection);
                        lockClause = ChunkReader.lockClause(sourceConnection);
                    }
                    Outcome outcome = copyOneChunk(sourceConnection, lockClause, conflicts);
                    conflicts = outcome == Outcome.LOCKED ? conflicts + 1 : 0;
                    failures = 0;
                    switch (outcome) {
                        case LOCKED -> sleep(backoff(conflicts));
                        case WAITING -> sleep(IDLE_WAIT);
                        case SETTLED -> sleep(SETTLED_WAIT);
                        case COPIED -> { }
                    }
                } catch (SQLException | RuntimeException e) {
                    failures++;
                    sourceConnection = closeQuietly(sourceConnection);
                    if (SqlErrors.classify(e) != SqlErrors.Kind.TRANSIENT || failures > 20) {
                        failure.compareAndSet(null, e);
                        LOG.error("The backfill stopped: {}", e.getMessage(), e);
                        return;
                    }
                    LOG.warn("A backfill chunk failed, retrying: {}", e.getMessage());
                    sleep(backoff(failures));
                }
            }
        } finally {
            closeQuietly(sourceConnection);
            stopped.countDown();
        }
    }

    /** What a worker's attempt did: copied a chunk, met an application's row lock, found every segment held, or none left. */
    private enum Outcome { COPIED, LOCKED, WAITING, SETTLED }

    /**
     * Claims a segment, copies its next chunk and commits; the source's row locks end after the
     * target commit. Each lock conflict in a row halves the chunk, so a busy range is copied in
     * smaller bites.
     */
    private Outcome copyOneChunk(Connection sourceConnection, String lockClause, int conflicts) throws SQLException {
        int rows = Math.max(1, settings.chunkRows() >> Math.min(conflicts, 20));
        try {
            throttle.beforeChunk(rows);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.WAITING;
        }
        try (Connection target = targetPool.getConnection()) {
            target.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            Optional<Segment> claimed = state.claim(target, tableNames);
            if (claimed.isEmpty()) {
                target.rollback();
                return settled(target) ? Outcome.SETTLED : Outcome.WAITING;
            }
            Segment segment = claimed.get();
            ChunkReader.Chunk chunk;
            try {
                chunk = readers.get(segment.table()).read(sourceConnection, lockClause, segment, rows);
            } catch (SQLException e) {
                target.rollback();
                sourceConnection.rollback();
                if (isLockConflict(e)) {
                    return Outcome.LOCKED;
                }
                throw e;
            }
            boolean segmentDone = chunk.rows().size() < rows;
            try {
                applier.writeCopied(target, chunk.rows());
                state.advance(target, segment, chunk.cursor(), chunk.rows().size(), segmentDone);
                target.commit();
            } catch (SQLException | RuntimeException e) {
                target.rollback();
                if (SqlErrors.classify(e) == SqlErrors.Kind.PERMANENT) {
                    throw rejected(target, segment.table(), chunk.rows(), e);
                }
                throw e;
            } finally {
                sourceConnection.rollback();
            }
            listener.copied(segment.table(), chunk.rows().size());
            if (segmentDone) {
                tableFinished(target, segment.table());
            }
            return Outcome.COPIED;
        }
    }

    /**
     * The target refuses the chunk for something in its rows (a value a column rejects): names the
     * first row it refuses, found by writing them one at a time (each rolled back), so the operator
     * can fix the target table or the row and restart; the copy then resumes at this chunk.
     */
    private ApplyException rejected(Connection target, TableId table, List<ChangeEvent> rows, Exception failure)
            throws SQLException {
        for (ChangeEvent row : rows) {
            try {
                applier.writeCopied(target, List.of(row));
            } catch (SQLException | RuntimeException e) {
                if (SqlErrors.classify(e) != SqlErrors.Kind.PERMANENT) {
                    return new ApplyException(table, "A backfill chunk of " + table + " failed: " + e.getMessage(), e);
                }
                return new ApplyException(table, "The target refuses the row with key " + row.key() + " of " + table + ": "
                        + e.getMessage() + ". Fix: change the target table (or the row) so the row fits, then restart; the "
                        + "backfill resumes at this chunk", e);
            } finally {
                target.rollback();
            }
        }
        return new ApplyException(table, "The target refuses a chunk of " + table + ": " + failure.getMessage(), failure);
    }

    private void tableFinished(Connection target, TableId table) throws SQLException {
        CopyState.TableCopy copy = state.progress(target, List.of(table)).get(table);
        if (copy != null && copy.done()) {
            LOG.info("Backfilled {}: {} rows in {} chunks", table, copy.rows(), copy.chunks());
            applier.copied(table);
        }
    }

    private boolean settled(Connection target) throws SQLException {
        return state.progress(target, readers.keySet()).values().stream().allMatch(CopyState.TableCopy::settled);
    }

    /** MariaDB reports a {@code NOWAIT} conflict as a lock wait timeout (1205), MySQL 8 as 3572. */
    private static boolean isLockConflict(SQLException e) {
        return e.getErrorCode() == 1205 || e.getErrorCode() == 3572 || e.getErrorCode() == 1213;
    }

    private static Duration backoff(int failures) {
        long millis = Math.min(MAX_BACKOFF.toMillis(), 20L << Math.min(failures, 10));
        return Duration.ofMillis(millis / 2 + (long) (Math.random() * millis / 2));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Connection closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing a source connection failed: {}", e.getMessage());
            }
        }
        return null;
    }

    /** Forgets the copy state of these tables, for an initial copy that starts over. */
    public static void forget(TargetSettings target, List<TableId> tables) {
        try (HikariDataSource pool = TargetPool.open(target, "lagzero-backfill-reset", 1);
                Connection connection = pool.getConnection()) {
            new CopyState(target.dialect()).forget(connection, tables);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the backfill's copy state in the target: " + e.getMessage(), e);
        }
    }

    /** Each table's copy as committed in the target so far. */
    public Map<TableId, CopyState.TableCopy> progress() {
        try (Connection target = targetPool.getConnection()) {
            return state.progress(target, readers.keySet());
        } catch (SQLException e) {
            LOG.debug("Cannot read the backfill's progress: {}", e.getMessage());
            return Map.of();
        }
    }

    /**
     * True when no table is left to copy: each is done or aborted (an operator may still resume or
     * re-copy one later).
     */
    public boolean isFinished() {
        Map<TableId, CopyState.TableCopy> progress = progress();
        return progress.size() == readers.size() && progress.values().stream().allMatch(CopyState.TableCopy::settled);
    }

    /** Time since the backfill started (planning, then copying). */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Why the backfill waits for the source right now, if it does. */
    public Optional<String> throttled() {
        return throttle.reason();
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Stops after the chunks under way; their rows and cursors are committed or rolled back whole. */
    @Override
    public void close() {
        stopping = true;
        try {
            if (!stopped.await(30, TimeUnit.SECONDS)) {
                LOG.warn("Backfill workers still busy after 30 s; closing their connections");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throttle.close();
        targetPool.close();
    }
}
