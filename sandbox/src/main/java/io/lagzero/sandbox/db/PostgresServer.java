package io.lagzero.sandbox.db;

import io.lagzero.sandbox.ServerDirs;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/** A real PostgreSQL server (zonky binaries from Maven Central) in its own process. */
public final class PostgresServer implements DatabaseServer {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dir;

    private PostgresServer(EmbeddedPostgres postgres, Path dir) {
        this.postgres = postgres;
        this.dir = dir;
    }

    public static PostgresServer start(String name) {
        Path dir = ServerDirs.fresh(name);
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("data"))
                    .setOverrideWorkingDirectory(dir.resolve("work").toFile())
                    .setCleanDataDirectory(true)
                    .setPort(ServerDirs.freePort())
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("fsync", "off")
                    .start();
            PostgresServer server = new PostgresServer(postgres, dir);
            server.execute("postgres", "ALTER USER postgres WITH PASSWORD '" + PASSWORD + "'");
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL " + name + " did not start in " + dir, e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void createDatabase(String database) {
        execute("postgres", "CREATE DATABASE \"" + database + "\" ENCODING 'UTF8' TEMPLATE template0");
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
        return "PostgreSQL on port " + port();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL on port " + port() + " did not stop", e);
        } finally {
            ServerDirs.deleteRecursively(dir);
        }
    }
}
