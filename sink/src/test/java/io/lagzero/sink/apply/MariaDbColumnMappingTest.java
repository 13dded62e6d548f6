package io.lagzero.sink.apply;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import java.util.Map;

class MariaDbColumnMappingTest extends AbstractColumnMappingTest {
    @Override
    protected DatabaseServer startServer() {
        return MariaDbServer.startTarget("sink-mapping-mariadb");
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
