package io.lagzero.sink.apply;

import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.naming.TableNameFormat;
import io.lagzero.testkit.MariaDbServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

class MariaDbColumnMappingTest extends AbstractColumnMappingTest {
    private MariaDbServer server;

    @Override
    protected void startTarget() {
        server = MariaDbServer.startTarget("sink-mapping-mariadb");
        server.createDatabase("app");
    }

    @Override
    protected void stopTarget() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected TargetSettings settings(ColumnMapping mapping) {
        return new TargetSettings(server.url("app"), MariaDbServer.USER, MariaDbServer.PASSWORD, 100, 2, true,
                SchemaEvolution.BASIC, TableNameFormat.DEFAULT, mapping);
    }

    @Override
    protected Connection connect() throws SQLException {
        return server.connect("app");
    }

    @Override
    protected String columnTypesQuery(String table) {
        return "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                + "AND TABLE_NAME = '" + table + "'";
    }

    @Override
    protected Map<String, String> expectedTypes() {
        return Map.of("user_signature", "binary(32)", "fee", "decimal(20,6)", "body", "varchar(40)");
    }
}
