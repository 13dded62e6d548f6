package io.lagzero.demo;

import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sandbox.db.TargetKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The demo's own servers: a binlog MariaDB source and a PostgreSQL or MariaDB target. */
final class Sandbox implements AutoCloseable {
    private static final String APPLICATION_USER = "shop_app";
    private static final String APPLICATION_PASSWORD = "shop-app-pw";

    private final MariaDbServer source;
    private final TargetKind kind;
    private final DatabaseServer target;
    private final Path dataDir = ServerDirs.fresh("demo-pipeline");

    private Sandbox(MariaDbServer source, TargetKind kind, DatabaseServer target) {
        this.source = source;
        this.kind = kind;
        this.target = target;
    }

    static Sandbox start(TargetKind kind) {
        MariaDbServer source = MariaDbServer.startSource("demo-source");
        try {
            source.createDatabase(DemoSchema.DATABASE);
            source.createApplicationUser(APPLICATION_USER, APPLICATION_PASSWORD, DemoSchema.DATABASE);
            DatabaseServer target = kind.start("demo-target");
            target.createDatabase(DemoSchema.DATABASE);
            return new Sandbox(source, kind, target);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    MariaDbServer source() {
        return source;
    }

    /** A source connection as the application writes: read_only stops it. */
    Connection connectAsApplication() throws SQLException {
        return DriverManager.getConnection(sourceUrl(), APPLICATION_USER, APPLICATION_PASSWORD);
    }

    String sourceUrl() {
        return source.url(DemoSchema.DATABASE);
    }

    String targetUrl() {
        return target.url(DemoSchema.DATABASE);
    }

    String targetUser() {
        return target.user();
    }

    String targetPassword() {
        return target.password();
    }

    String targetQualifier() {
        return kind.qualifier(DemoSchema.DATABASE);
    }

    Connection connectTarget() throws SQLException {
        return target.connect(DemoSchema.DATABASE);
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            target.close();
        } catch (RuntimeException e) {
            System.err.println("lagzero demo: stopping the target failed: " + e.getMessage());
        } finally {
            source.close();
            ServerDirs.deleteRecursively(dataDir);
        }
    }
}
