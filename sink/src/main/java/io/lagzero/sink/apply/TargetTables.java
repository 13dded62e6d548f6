package io.lagzero.sink.apply;

import io.lagzero.sink.batch.TableChanges;
import io.lagzero.sink.dialect.Dialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure each target table exists, creating a missing one from the source columns. A table is
 * looked up once per applier; the target table has the source table's name, in the connection's
 * database (MariaDB/MySQL) or current schema (PostgreSQL).
 */
final class TargetTables {
    private static final Logger LOG = LoggerFactory.getLogger(TargetTables.class);

    private final Dialect dialect;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    TargetTables(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Runs outside the batch transaction: MariaDB DDL commits implicitly. */
    void ensure(Connection connection, List<TableChanges> tables) {
        for (TableChanges changes : tables) {
            String name = changes.table().table();
            if (known.contains(name)) {
                continue;
            }
            try {
                if (!exists(connection, name)) {
                    create(connection, changes);
                }
                connection.commit();
            } catch (SQLException e) {
                throw new ApplyException(changes.table(), "Cannot create target table " + name + " for "
                        + changes.table() + ": " + e.getMessage(), e);
            }
            known.add(name);
        }
    }

    /** Empties the table if it exists; the caller commits. */
    void truncate(Connection connection, String name) throws SQLException {
        if (exists(connection, name)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE TABLE " + dialect.quote(name));
            }
            LOG.info("Truncated target table {}", name);
        }
    }

    private boolean exists(Connection connection, String name) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String pattern = escape(name, meta.getSearchStringEscape());
        try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), pattern, null)) {
            while (tables.next()) {
                if (name.equals(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String escape(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private void create(Connection connection, TableChanges changes) throws SQLException {
        String ddl = dialect.createTable(changes.table().table(), changes.columns(), changes.keyColumns());
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
        LOG.info("Created target table {} for source table {}", changes.table().table(), changes.table());
        LOG.debug("{}", ddl);
    }
}
