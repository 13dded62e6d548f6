package io.lagzero.sink.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.sink.testing.DebeziumRecords;
import io.lagzero.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresChangeApplierTest extends AbstractChangeApplierTest {
    private PostgresServer server;

    @Override
    protected void startTarget() {
        server = PostgresServer.start("sink-apply-postgres");
        server.createDatabase("app");
    }

    @Override
    protected void stopTarget() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected TargetSettings settings() {
        return new TargetSettings(server.url("app"), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    @Override
    protected Connection connect() throws SQLException {
        return server.connect("app");
    }

    @Override
    protected String epochSeconds(String column) {
        return "EXTRACT(EPOCH FROM " + column + ")";
    }

    @Override
    protected String timeSeconds(String column) {
        return "EXTRACT(EPOCH FROM " + column + ")";
    }

    @Override
    protected String text(String column) {
        return column + "::text";
    }

    @Override
    protected String bitText(String column) {
        return column + "::text";
    }

    @Test
    void tablesGoToTheUrlsCurrentSchema() throws SQLException {
        server.execute("app", "CREATE SCHEMA staging");
        TargetSettings staging = new TargetSettings(server.url("app") + "?currentSchema=staging",
                PostgresServer.USER, PostgresServer.PASSWORD);
        try (ChangeApplier stagingApplier = new ChangeApplier(staging)) {
            stagingApplier.apply(List.of(DebeziumRecords.forTable("tags").snapshot("{\"post_id\": 1, \"tag\": \"s\"}")));
        }

        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tag FROM staging.tags")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("s");
        }
    }
}
