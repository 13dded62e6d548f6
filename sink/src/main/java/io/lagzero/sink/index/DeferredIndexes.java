package io.lagzero.sink.index;

import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.error.SqlErrors;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.source.SecondaryIndex;
import io.lagzero.sink.source.SourceCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a source table's secondary indexes in its target table once the table's snapshot has
 * been written, so the bulk copy does not maintain them row by row. Indexes are built in the
 * background while changes keep being applied. A UNIQUE source index becomes a plain index: with a
 * unique index the target could refuse (PostgreSQL) or misapply (MariaDB's ON DUPLICATE KEY
 * matches any unique key) a change that only briefly collides, e.g. two rows swapping a value.
 */
public final class DeferredIndexes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeferredIndexes.class);

    private final SourceCatalog source;
    private final Dialect dialect;
    private final DataSource target;
    private final ColumnMapping mapping;
    private final Set<TableId> started = ConcurrentHashMap.newKeySet();
    private final ExecutorService builder = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lagzero-index-builder");
        thread.setDaemon(true);
        return thread;
    });

    public DeferredIndexes(SourceCatalog source, Dialect dialect, DataSource target, ColumnMapping mapping) {
        this.source = source;
        this.dialect = dialect;
        this.target = target;
        this.mapping = mapping;
    }

    /** The table's snapshot is in the target: build its indexes, once. */
    public void snapshotWritten(TableId table, String targetTable) {
        if (started.add(table)) {
            builder.execute(() -> build(table, targetTable));
        }
    }

    private void build(TableId table, String targetTable) {
        try {
            for (SecondaryIndex index : source.secondaryIndexes(table)) {
                Optional<String> sql = statement(table, targetTable, index);
                if (sql.isPresent()) {
                    long started = System.nanoTime();
                    execute(sql.get());
                    LOG.info("Created index {} on target table {} in {} ms{}", index.name(), targetTable,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                            index.unique() ? " (UNIQUE on the source, plain here)" : "");
                }
            }
        } catch (SQLException | RuntimeException e) {
            if (SqlErrors.classify(e) == SqlErrors.Kind.TRANSIENT) {
                LOG.warn("Cannot create the indexes of target table {} now, trying again after the next batch: {}",
                        targetTable, e.getMessage());
                started.remove(table);
            } else {
                LOG.error("Cannot create the indexes of target table {} (source {}): {}. Fix: create them by hand",
                        targetTable, table, e.getMessage());
            }
        }
    }

    /** The statement, or empty when the index covers a column the column mapping leaves out. */
    private Optional<String> statement(TableId table, String targetTable, SecondaryIndex index) {
        List<SecondaryIndex.Part> parts = new ArrayList<>();
        for (SecondaryIndex.Part part : index.parts()) {
            Optional<String> column = mapping.targetName(table, part.column());
            if (column.isEmpty()) {
                LOG.warn("Not creating index {} on target table {}: column {} is excluded", index.name(), targetTable,
                        part.column());
                return Optional.empty();
            }
            boolean converted = mapping.conversion(table, part.column()).isPresent();
            parts.add(new SecondaryIndex.Part(column.get(), converted ? null : part.prefixLength()));
        }
        return Optional.of(dialect.createIndex(targetTable, index.name(), parts));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = target.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            try {
                statement.execute(sql);
            } finally {
                connection.setAutoCommit(false);
            }
        }
    }

    /** Waits up to the timeout for the builds under way, so closing the target pool does not cut one off. */
    @Override
    public void close() {
        builder.shutdown();
        try {
            if (!builder.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Stopped waiting for index builds; a restarted sink finishes them");
                builder.shutdownNow();
            }
        } catch (InterruptedException e) {
            builder.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
