package io.lagzero.sink.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.PostgresServer;
import io.lagzero.sink.testing.DebeziumRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresChangeApplierTest extends AbstractChangeApplierTest {
    @Override
    protected DatabaseServer startServer() {
        return PostgresServer.start("sink-apply-postgres");
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
                server.user(), server.password());
        try (ChangeApplier stagingApplier = new ChangeApplier(staging)) {
            stagingApplier.apply(List.of(DebeziumRecords.forTable("tags").snapshot("{\"post_id\": 1, \"tag\": \"s\"}")));
        }

        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tag FROM staging.tags")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("s");
        }
    }

    @Test
    void aRejectedRowsValuesStayOutOfTheError() {
        server.execute("app", "CREATE SCHEMA checked", "CREATE TABLE checked.notes (id INT PRIMARY KEY, "
                + "body VARCHAR(255) CONSTRAINT no_secrets CHECK (body <> 'private value'))");
        TargetSettings checked = new TargetSettings(server.url("app") + "?currentSchema=checked",
                server.user(), server.password());
        try (ChangeApplier checkedApplier = new ChangeApplier(checked)) {
            assertThatThrownBy(() -> checkedApplier.apply(List.of(DebeziumRecords.forTable("notes")
                    .create("{\"id\": 1, \"body\": \"private value\"}"))))
                    .isInstanceOf(ApplyException.class)
                    .hasMessageContaining("no_secrets")
                    .hasMessageNotContaining("private value");
        }
    }
}
