package io.lagzero.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.source.TableSelector;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each setup mistake stops the run with one message that names the problem and the fix. */
class SourcePreflightTest {
    private static MariaDbServer source;
    private static MariaDbServer noBinlog;

    @BeforeAll
    static void start() {
        source = MariaDbServer.startSource("preflight-source");
        noBinlog = MariaDbServer.startTarget("preflight-nobinlog");
        for (MariaDbServer server : new MariaDbServer[] {source, noBinlog}) {
            server.createDatabase("app");
            server.execute("app", "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(20))",
                    "CREATE TABLE audit_log (at DATETIME, line TEXT)");
        }
    }

    @AfterAll
    static void stop() {
        if (source != null) {
            source.close();
        }
        if (noBinlog != null) {
            noBinlog.close();
        }
    }

    @Test
    void acceptsAGoodSourceAndResolvesTablePatterns() {
        SourceDatabase db = SourcePreflight.check(source.url("app"), MariaDbServer.USER, MariaDbServer.PASSWORD, TableSelector.parse("app.user*"));
        assertThat(db.flavor()).isEqualTo(SourceFlavor.MARIADB);
        assertThat(db.tables()).containsExactly(new TableId("app", "users"));
    }

    /**
     * MariaDB hides information_schema.TABLE_CONSTRAINTS rows from a user whose only table
     * privilege is SELECT; the key must still be found.
     */
    @Test
    void findsThePrimaryKeysAsAUserWithOnlyTheReadmeGrants() {
        source.createUser("least", "least-pw", List.of(
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'least'@'%'"));
        SourceDatabase db = SourcePreflight.check(source.url("app"), "least", "least-pw", TableSelector.parse("app.users"));
        assertThat(db.tables()).containsExactly(new TableId("app", "users"));
    }

    @Test
    void lagzerosOwnTablesAreNeverSelected() {
        source.execute("app", SignalTable.createStatement(new TableId("app", SignalTable.NAME)),
                HeartbeatTable.in("app").createSql());
        SourceDatabase db = SourcePreflight.check(source.url("app"), MariaDbServer.USER, MariaDbServer.PASSWORD,
                TableSelector.parse("app.users,app.lagzero_*"));
        assertThat(db.tables()).containsExactly(new TableId("app", "users"));
    }

    /** A user who created the heartbeat table for lagzero needs no CREATE grant (MariaDB checks it even for IF NOT EXISTS). */
    @Test
    void anExistingHeartbeatTableNeedsNoCreateGrant() throws Exception {
        HeartbeatTable heartbeat = HeartbeatTable.in("app");
        source.execute("app", heartbeat.createSql());
        source.createUser("beats", "beats-pw", List.of("GRANT INSERT, UPDATE ON app.lagzero_heartbeat TO 'beats'@'%'"));
        try (Connection c = DriverManager.getConnection(source.url("app"), "beats", "beats-pw")) {
            heartbeat.ensure(c, "beats");
        }
    }

    @Test
    void wrongPassword() {
        assertThatThrownBy(() -> SourcePreflight.check(source.url("app"), MariaDbServer.USER, "not-the-password", TableSelector.parse("app.users")))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("refused user '" + MariaDbServer.USER + "'")
                .hasMessageContaining("LAGZERO_SOURCE_PASSWORD")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void unreachableHost() {
        String url = "jdbc:mariadb://127.0.0.1:" + ServerDirs.freePort() + "/app";
        assertThatThrownBy(() -> SourcePreflight.check(url, MariaDbServer.USER, MariaDbServer.PASSWORD, TableSelector.parse("app.users")))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("Cannot reach the source database at 127.0.0.1:")
                .hasMessageContaining("Fix:");
    }

    @Test
    void sourceWithoutBinlog() {
        assertThatThrownBy(() -> SourcePreflight.check(noBinlog.url("app"), MariaDbServer.USER, MariaDbServer.PASSWORD, TableSelector.parse("app.users")))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("Binary logging is off")
                .hasMessageContaining("log_bin=ON");
    }

    @Test
    void tableWithoutPrimaryKey() {
        assertThatThrownBy(() -> SourcePreflight.check(source.url("app"), MariaDbServer.USER, MariaDbServer.PASSWORD, TableSelector.parse("app.*")))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("Table app.audit_log has no primary key")
                .hasMessageContaining("ADD PRIMARY KEY");
    }

    @Test
    void userWithoutReplicationGrants() {
        for (String host : new String[] {"%", "localhost"}) {
            source.execute("", "CREATE USER IF NOT EXISTS 'reader'@'" + host + "' IDENTIFIED BY 'reader-pw'",
                    "GRANT SELECT ON *.* TO 'reader'@'" + host + "'");
        }
        assertThatThrownBy(() -> SourcePreflight.check(source.url("app"), "reader", "reader-pw", TableSelector.parse("app.users")))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("The source user 'reader' lacks RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT")
                .hasMessageContaining("Fix: GRANT");
    }

    @Test
    void noMatchingTable() {
        assertThatThrownBy(() -> SourcePreflight.check(source.url("app"), MariaDbServer.USER, MariaDbServer.PASSWORD, TableSelector.parse("app.nothing")))
                .isInstanceOf(SetupException.class)
                .hasMessageContaining("No table on the source matches --tables app.nothing");
    }
}
