package io.lagzero.sink.apply;

import com.zaxxer.hikari.HikariDataSource;
import io.lagzero.sink.batch.ChangeReducer;
import io.lagzero.sink.batch.TableChanges;
import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.ChangeEventDecoder;
import io.lagzero.sink.event.Operation;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.index.DeferredIndexes;
import io.lagzero.sink.index.SecondaryIndexes;
import io.lagzero.sink.lag.ChangeTiming;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.mapping.ColumnMappingException;
import io.lagzero.sink.source.SourceCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies batches of Debezium change records to the target, one transaction per batch. When
 * {@link #apply} returns, the batch is committed, so the caller may commit the records' Kafka
 * offsets. Replaying a batch is harmless. One caller at a time.
 */
public final class ChangeApplier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeApplier.class);

    private final ChangeEventDecoder decoder = new ChangeEventDecoder();
    private final HikariDataSource pool;
    private final TargetTables tables;
    private final TableWriter writer;
    private final TargetNames names;
    private final boolean deletesEnabled;
    private final ColumnMapping mapping;
    private final NulCharacters nulCharacters;
    private final SourceShapes shapes = new SourceShapes();
    private final DdlPolicy ddlPolicy;
    private final DeferredIndexes indexes;
    private final SourceCatalog sourceCatalog;
    private volatile boolean copiedByBackfill;

    public ChangeApplier(TargetSettings settings) {
        this(settings, "lagzero-sink");
    }

    /** @param poolName names the pool's threads and log lines, e.g. after the connector */
    public ChangeApplier(TargetSettings settings, String poolName) {
        Dialect dialect = settings.dialect();
        this.pool = TargetPool.open(settings, poolName, settings.poolSize());
        this.names = new TargetNames(settings.tableNames());
        this.tables = new TargetTables(dialect, settings);
        this.writer = new TableWriter(dialect, settings.maxBatchRows(), names);
        this.deletesEnabled = settings.deletesEnabled();
        this.mapping = settings.columnMapping();
        this.nulCharacters = new NulCharacters(dialect.storesNulInText() ? null : settings.nulHandling());
        this.ddlPolicy = settings.ddlPolicy();
        this.sourceCatalog = settings.sourceCatalog();
        this.indexes = settings.secondaryIndexes() == SecondaryIndexes.NONE ? null
                : new DeferredIndexes(settings.sourceCatalog(), dialect, pool, mapping);
        LOG.info("Applying changes to {} as {} ({} dialect, at most {} rows per statement)",
                Dialects.withoutQuery(settings.jdbcUrl()), settings.user(), dialect.name(), settings.maxBatchRows());
    }

    /**
     * Decodes, maps columns, reduces to the last change per key, creates missing tables, and applies
     * all deletes and upserts in one transaction.
     *
     * @throws io.lagzero.sink.event.UndecodableRecordException if a record is not a change event; nothing was written
     * @throws ApplyException if the column mapping cannot be applied to a record; nothing was written
     * @throws ApplyException if the target rejected the batch; it was rolled back
     */
    public ApplyResult apply(List<SinkRecord> records) {
        List<ChangeEvent> events = new ArrayList<>(records.size());
        Map<TableId, Integer> skippedDeletes = new LinkedHashMap<>();
        Map<TableId, ChangeEvent> snapshotsWritten = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ChangeEvent event = decoder.decode(records.get(i)).map(this::mapped).orElse(null);
            if (event == null) {
                continue;
            }
            SourcePosition position = SourcePosition.of(records.get(i));
            if (!followsKnownShape(event, position)) {
                stopBefore(records.subList(0, i), event, position);
            }
            if (indexes != null && !copiedByBackfill && ChangeTiming.endsSnapshot(records.get(i))) {
                snapshotsWritten.putIfAbsent(event.table(), event);
            }
            if (deletesEnabled || event.operation() != Operation.DELETE) {
                events.add(event);
            } else {
                skippedDeletes.merge(event.table(), 1, Integer::sum);
            }
        }
        OptionalLong maxSourceTsMs = events.stream().mapToLong(ChangeEvent::sourceTsMs).filter(t -> t > 0).max();
        List<TableChanges> changes = ChangeReducer.reduce(events);
        Map<TableId, TableCounts> counts = withSkipped(changes.isEmpty() ? Map.of() : write(changes), skippedDeletes);
        snapshotsWritten.values().forEach(event -> indexes.snapshotWritten(event.table(), names.of(event)));
        int upserted = counts.values().stream().mapToInt(TableCounts::upserted).sum();
        int deleted = counts.values().stream().mapToInt(TableCounts::deleted).sum();
        LOG.debug("Applied {} records: {} upserted, {} deleted", records.size(), upserted, deleted);
        return new ApplyResult(records.size(), records.size() - events.size(), upserted, deleted, counts, maxSourceTsMs);
    }

    private ChangeEvent mapped(ChangeEvent event) {
        try {
            return nulCharacters.apply(mapping.apply(event));
        } catch (ColumnMappingException e) {
            throw new ApplyException(e.table(), "Cannot map record " + event.position() + ": " + e.getMessage(), e);
        }
    }

    /** False when the event shows its source table was altered and the DDL policy says stop. */
    private boolean followsKnownShape(ChangeEvent event, SourcePosition position) {
        List<String> changes = shapes.changes(event, position);
        if (!changes.isEmpty() && ddlPolicy == DdlPolicy.STOP) {
            return false;
        }
        if (!changes.isEmpty()) {
            LOG.warn("Source table {} changed ({}); the DDL policy 'ignore' keeps applying into target table {} as it is",
                    event.table(), String.join("; ", changes), names.of(event));
        }
        shapes.remember(event, position);
        return true;
    }

    /** Applies the changes before the altering event, so the target stops exactly at the DDL, then stops. */
    private void stopBefore(List<SinkRecord> before, ChangeEvent altered, SourcePosition position) {
        if (!before.isEmpty()) {
            apply(before);
        }
        throw new SourceSchemaChangedException(altered.table(), names.of(altered), shapes.changes(altered, position));
    }

    private static Map<TableId, TableCounts> withSkipped(Map<TableId, TableCounts> written, Map<TableId, Integer> skipped) {
        if (skipped.isEmpty()) {
            return written;
        }
        Map<TableId, TableCounts> counts = new LinkedHashMap<>(written);
        skipped.forEach((table, n) -> counts.merge(table, new TableCounts(0, 0, n),
                (a, b) -> new TableCounts(a.upserted(), a.deleted(), a.skippedDeletes() + b.skippedDeletes())));
        return Collections.unmodifiableMap(counts);
    }

    private Map<TableId, TableCounts> write(List<TableChanges> changes) {
        try (Connection connection = pool.getConnection()) {
            tables.ensure(connection, changes, names);
            return inTransaction(connection, changes);
        } catch (SQLException e) {
            throw new ApplyException(null, "Cannot use a target connection: " + e.getMessage(), e);
        }
    }

    private Map<TableId, TableCounts> inTransaction(Connection connection, List<TableChanges> changes) {
        Map<TableId, TableCounts> counts = new LinkedHashMap<>();
        TableChanges current = null;
        try {
            for (TableChanges table : changes) {
                current = table;
                counts.put(table.table(), writer.write(connection, table));
            }
            current = null;
            connection.commit();
            return Collections.unmodifiableMap(counts);
        } catch (SQLException | RuntimeException e) {
            ApplyException failure = new ApplyException(current == null ? null : current.table(), failureMessage(current, e), e);
            if (current != null && isUndefinedTable(e)) {
                tables.forget(targetName(current));
            }
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        }
    }

    private String failureMessage(TableChanges table, Exception e) {
        String state = e instanceof SQLException sql && sql.getSQLState() != null ? " [SQLState " + sql.getSQLState() + "]" : "";
        String where = table == null ? "Cannot commit the batch" : "Cannot apply changes to target table " + targetName(table)
                + " (source " + table.table() + ")";
        return where + ", rolled back: " + e.getMessage() + state;
    }

    /** MariaDB/MySQL 42S02, PostgreSQL 42P01: the table was dropped behind our back. */
    private static boolean isUndefinedTable(Exception e) {
        return e instanceof SQLException sql && ("42S02".equals(sql.getSQLState()) || "42P01".equals(sql.getSQLState()));
    }

    private String targetName(TableChanges table) {
        try {
            return names.of(table);
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    /**
     * The backfill copies the existing rows: a table's secondary indexes wait for {@link #copied}
     * instead of the end of Debezium's snapshot (or the first streamed change).
     */
    public void copiesByBackfill() {
        copiedByBackfill = true;
    }

    /**
     * Creates the target table of a table the backfill copies, when missing, from a row-less event
     * that describes it. Runs outside any transaction (MariaDB DDL commits implicitly).
     */
    public void prepareCopy(ChangeEvent shape) {
        ChangeEvent event = mapped(shape);
        TableChanges changes = new TableChanges(event.table(), List.of(), List.of(), event);
        try (Connection connection = pool.getConnection()) {
            tables.ensure(connection, List.of(changes), names);
        } catch (SQLException e) {
            throw new ApplyException(event.table(), "Cannot use a target connection: " + e.getMessage(), e);
        }
    }

    /**
     * Upserts rows the backfill read from the source (one table, distinct keys) on the caller's
     * connection, inside the caller's transaction, which the caller commits.
     */
    public TableCounts writeCopied(Connection connection, List<ChangeEvent> rows) throws SQLException {
        if (rows.isEmpty()) {
            return new TableCounts(0, 0);
        }
        List<ChangeEvent> upserts = new ArrayList<>(rows.size());
        for (ChangeEvent row : rows) {
            upserts.add(mapped(row));
        }
        ChangeEvent last = upserts.get(upserts.size() - 1);
        return writer.write(connection, new TableChanges(last.table(), List.of(), upserts, last));
    }

    /** The backfill copied every row of the table: build its deferred secondary indexes (once). */
    public void copied(TableId table) {
        if (indexes != null) {
            indexes.snapshotWritten(table, names.of(table));
        }
    }

    /**
     * Checks, before anything is written, that target tables which already exist can hold their
     * source tables' columns.
     *
     * @throws IllegalArgumentException naming the first column that cannot, and the fix
     */
    public void checkExistingTables(List<TableId> sourceTables) {
        if (sourceCatalog == null) {
            return;
        }
        try (Connection connection = pool.getConnection()) {
            for (TableId table : sourceTables) {
                ExistingColumns.check(connection, sourceCatalog, table, names.of(table), mapping);
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new ApplyException(null, "Cannot read the target tables' columns: " + e.getMessage(), e);
        }
    }

    /**
     * Empties the target tables of these source tables (those that exist), for a snapshot that
     * starts over and must not leave rows the source deleted in the meantime.
     */
    public void truncate(List<TableId> sourceTables) {
        try (Connection connection = pool.getConnection()) {
            for (TableId table : sourceTables) {
                tables.truncate(connection, names.of(table));
            }
            connection.commit();
        } catch (SQLException e) {
            throw new ApplyException(null, "Cannot truncate the target tables: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (indexes != null) {
                indexes.close();
            }
        } finally {
            pool.close();
        }
    }
}
