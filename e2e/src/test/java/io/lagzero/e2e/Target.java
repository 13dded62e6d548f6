package io.lagzero.e2e;

import io.lagzero.control.verify.SqlFlavor;
import io.lagzero.testkit.MariaDbServer;
import io.lagzero.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A target database for end-to-end tests: a real MariaDB or PostgreSQL server. */
public record Target(AutoCloseable server, String url, String user, String password, String qualifier) implements AutoCloseable {

    public static Target mariaDb(String database) {
        MariaDbServer server = MariaDbServer.startTarget("e2e-target-mariadb");
        server.createDatabase(database);
        return new Target(server, server.url(database), MariaDbServer.USER, MariaDbServer.PASSWORD, database);
    }

    public static Target postgres(String database) {
        PostgresServer server = PostgresServer.start("e2e-target-postgres");
        server.createDatabase(database);
        return new Target(server, server.url(database), PostgresServer.USER, PostgresServer.PASSWORD, "public");
    }

    public SqlFlavor flavor() {
        return SqlFlavor.of(url);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public String table(String name) {
        return flavor().qualified(qualifier, name);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
