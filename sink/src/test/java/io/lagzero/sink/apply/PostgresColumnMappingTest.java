package io.lagzero.sink.apply;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.PostgresServer;
import java.util.Map;

class PostgresColumnMappingTest extends AbstractColumnMappingTest {
    @Override
    protected DatabaseServer startServer() {
        return PostgresServer.start("sink-mapping-postgres");
    }

    @Override
    protected String columnTypesQuery(String table) {
        return "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = '"
                + table + "'::regclass AND a.attnum > 0 AND NOT a.attisdropped";
    }

    @Override
    protected Map<String, String> expectedTypes() {
        return Map.of("user_signature", "bytea", "fee", "numeric(20,6)", "body", "character varying(40)");
    }
}
