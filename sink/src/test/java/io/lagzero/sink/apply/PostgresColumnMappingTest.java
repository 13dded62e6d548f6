package io.lagzero.sink.apply;

import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.naming.TableNameFormat;
import io.lagzero.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

class PostgresColumnMappingTest extends AbstractColumnMappingTest {
    private PostgresServer server;

    @Override
    protected void startTarget() {
        server = PostgresServer.start("sink-mapping-postgres");
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
        return new TargetSettings(server.url("app"), PostgresServer.USER, PostgresServer.PASSWORD, 100, 2, true,
                SchemaEvolution.BASIC, TableNameFormat.DEFAULT, mapping);
    }

    @Override
    protected Connection connect() throws SQLException {
        return server.connect("app");
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
