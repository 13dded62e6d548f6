package io.lagzero.e2e;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sink.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Copies a source table's rows into an existing target table with plain SQL, as the sink would
 * leave them: values travel as UTC text (bytes as bytes) and the target casts them to its column types.
 */
final class TableCopy {
    private TableCopy() {
    }

    static void copy(DatabaseServer source, String db, String table, Target target, String targetDb) throws SQLException {
        Dialect dialect = target.dialect();
        try (Connection s = source.connect(db); Connection t = target.server().connect(targetDb);
                Statement read = s.createStatement(); Statement zone = t.createStatement()) {
            read.execute("SET time_zone = '+00:00'");
            zone.execute(dialect.utcSessionSql());
            List<String> targetTypes = types(t, target.qualifier(targetDb), table);
            try (ResultSet rs = read.executeQuery("SELECT * FROM `" + table + "`")) {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> placeholders = new ArrayList<>();
                for (String type : targetTypes) {
                    placeholders.add(dialect.strictParameterTypes() && !type.equals("bytea") ? "CAST(? AS " + type + ")" : "?");
                }
                String insert = "INSERT INTO " + dialect.qualified(target.qualifier(targetDb), table) + " VALUES ("
                        + String.join(", ", placeholders) + ")";
                t.setAutoCommit(false);
                try (PreparedStatement ps = t.prepareStatement(insert)) {
                    while (rs.next()) {
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            boolean bytes = switch (meta.getColumnType(i)) {
                                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> true;
                                default -> false;
                            };
                            if (bytes) {
                                ps.setBytes(i, rs.getBytes(i));
                            } else {
                                ps.setString(i, rs.getString(i));
                            }
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                t.commit();
            }
        }
    }

    private static List<String> types(Connection c, String schema, String table) throws SQLException {
        List<String> types = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT data_type FROM information_schema.columns "
                + "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return Collections.unmodifiableList(types);
    }
}
