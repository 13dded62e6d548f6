package io.lagzero.sink.apply;

import io.lagzero.sink.batch.TableChanges;
import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.ValueConverter;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.source.SourceCatalog;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure each target table exists with every source column: with {@link SchemaEvolution#BASIC}
 * a missing table is created from the source columns and a missing column is added. A table shape
 * is looked up once per applier; tables live in the connection's database (MariaDB/MySQL) or
 * current schema (PostgreSQL).
 */
final class TargetTables {
    private static final Logger LOG = LoggerFactory.getLogger(TargetTables.class);

    private final Dialect dialect;
    private final SchemaEvolution evolution;
    private final DdlPolicy ddlPolicy;
    private final SourceCatalog sourceCatalog;
    private final ColumnMapping mapping;
    private final Set<List<String>> known = ConcurrentHashMap.newKeySet();

    TargetTables(Dialect dialect, TargetSettings settings) {
        this.dialect = dialect;
        this.evolution = settings.schemaEvolution();
        this.ddlPolicy = settings.ddlPolicy();
        this.sourceCatalog = settings.sourceCatalog();
        this.mapping = settings.columnMapping();
    }

    /** Runs outside the batch transaction: MariaDB DDL commits implicitly. */
    void ensure(Connection connection, List<TableChanges> tables, TargetNames names) {
        if (evolution == SchemaEvolution.NONE) {
            return;
        }
        for (TableChanges changes : tables) {
            String name = name(changes, names);
            List<String> shape = shape(name, changes);
            if (known.contains(shape)) {
                continue;
            }
            try {
                evolve(connection, name, changes);
            } catch (SQLException e) {
                throw new ApplyException(changes.table(), "Cannot create or extend target table " + name + " for "
                        + changes.table() + ": " + e.getMessage(), e);
            }
            known.add(shape);
        }
    }

    /**
     * Creates the table or adds the missing columns. Another task may do the same at the same
     * moment (PostgreSQL then reports a duplicate type, MariaDB a duplicate column): when the
     * table has every column afterwards, the race was lost harmlessly.
     */
    private void evolve(Connection connection, String name, TableChanges changes) throws SQLException {
        try {
            Map<String, Boolean> existing = columns(connection, name);
            if (existing.isEmpty()) {
                create(connection, name, changes);
            } else {
                checkNoRequiredColumnIsGone(name, changes, existing);
                addMissing(connection, name, changes, existing.keySet());
            }
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
                if (columns(connection, name).keySet().containsAll(changes.latest().columnNames())) {
                    LOG.debug("Target table {} was created or extended concurrently: {}", name, e.getMessage());
                    return;
                }
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    private static String name(TableChanges changes, TargetNames names) {
        try {
            return names.of(changes);
        } catch (IllegalArgumentException e) {
            throw new ApplyException(changes.table(), "Cannot name the target table: " + e.getMessage(), e);
        }
    }

    private static List<String> shape(String name, TableChanges changes) {
        List<String> shape = new ArrayList<>(changes.latest().columnNames());
        shape.add(0, name);
        return shape;
    }

    /** After the target said the table is missing: look it up (and create it) again next time. */
    void forget(String name) {
        known.removeIf(shape -> shape.get(0).equals(name));
    }

    /** Empties the table if it exists; the caller commits. */
    void truncate(Connection connection, String name) throws SQLException {
        if (!columns(connection, name).isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE TABLE " + dialect.quote(name));
            }
            LOG.info("Truncated target table {}", name);
        }
    }

    /**
     * The table's column names, each with whether a row must give it a value (NOT NULL, no default,
     * not generated); empty when the table does not exist.
     */
    private static Map<String, Boolean> columns(Connection connection, String name) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String pattern = escape(name, meta.getSearchStringEscape());
        Map<String, Boolean> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), pattern, null)) {
            while (rs.next()) {
                if (name.equals(rs.getString("TABLE_NAME"))) {
                    boolean required = rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls
                            && rs.getString("COLUMN_DEF") == null
                            && !"YES".equals(rs.getString("IS_AUTOINCREMENT"))
                            && !"YES".equals(rs.getString("IS_GENERATEDCOLUMN"));
                    columns.put(rs.getString("COLUMN_NAME"), required);
                }
            }
        }
        return columns;
    }

    /**
     * A required target column the source rows no longer carry was dropped or renamed on the source
     * (perhaps while the sink was not running): every insert would fail, so under the DDL policy
     * {@code stop} replication stops here with the reason.
     */
    private void checkNoRequiredColumnIsGone(String name, TableChanges changes, Map<String, Boolean> existing) {
        List<String> gone = existing.entrySet().stream()
                .filter(column -> column.getValue() && changes.latest().columnNames().stream()
                        .noneMatch(source -> source.equalsIgnoreCase(column.getKey())))
                .map(column -> "target column " + column.getKey() + " is NOT NULL without a default but the source "
                        + "rows no longer have it (dropped or renamed on the source)")
                .toList();
        if (gone.isEmpty()) {
            return;
        }
        if (ddlPolicy == DdlPolicy.STOP) {
            throw new SourceSchemaChangedException(changes.table(), name, gone);
        }
        LOG.warn("Source table {} changed ({}); the DDL policy 'ignore' keeps writing into target table {} as it is",
                changes.table(), String.join("; ", gone), name);
    }

    private static String escape(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private void create(Connection connection, String name, TableChanges changes) throws SQLException {
        String ddl = dialect.createTable(name, changes.columns(), changes.keyColumns(), autoIncrementColumn(changes));
        execute(connection, ddl);
        LOG.info("Created target table {} for source table {}", name, changes.table());
        LOG.debug("{}", ddl);
    }

    /**
     * The source's AUTO_INCREMENT column under its target name, so that rows the application
     * inserts after the switchover get ids; null when unknown or left out by the column mapping.
     */
    private String autoIncrementColumn(TableChanges changes) throws SQLException {
        if (sourceCatalog == null) {
            return null;
        }
        Optional<String> column = sourceCatalog.autoIncrementColumn(changes.table());
        return column.flatMap(c -> mapping.targetName(changes.table(), c))
                .filter(c -> changes.latest().columnNames().contains(c)).orElse(null);
    }

    private void addMissing(Connection connection, String name, TableChanges changes, Set<String> existing)
            throws SQLException {
        for (Column column : changes.columns()) {
            if (!existing.contains(column.name())) {
                execute(connection, dialect.addColumn(name, column));
                backfillDefault(connection, name, column);
                LOG.info("Added column {} to target table {} for source table {}", column.name(), name, changes.table());
            }
        }
    }

    /**
     * The source's ALTER TABLE gave every existing row the column's default without a change event
     * per row, so the target does the same; later changes in the batch then overwrite it.
     */
    private void backfillDefault(Connection connection, String table, Column column) throws SQLException {
        Object defaultValue = column.schema().defaultValue();
        if (defaultValue == null) {
            return;
        }
        String sql = "UPDATE " + dialect.quote(table) + " SET " + dialect.quote(column.name()) + " = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            dialect.bind(statement, 1, column, ValueConverter.convert(column, defaultValue));
            statement.executeUpdate();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
