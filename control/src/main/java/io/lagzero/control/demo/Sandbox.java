package io.lagzero.control.demo;

import io.lagzero.testkit.MariaDbServer;
import io.lagzero.testkit.PostgresServer;
import io.lagzero.testkit.ServerDirs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** The demo's own servers: a binlog MariaDB source and a PostgreSQL or MariaDB target. */
final class Sandbox implements AutoCloseable {
    enum TargetKind { postgres, mariadb }

    private final MariaDbServer source;
    private final AutoCloseable target;
    private final String targetUrl;
    private final String targetUser;
    private final String targetPassword;
    private final Path dataDir;

    private Sandbox(MariaDbServer source, AutoCloseable target, String targetUrl, String targetUser, String targetPassword) {
        this.source = source;
        this.target = target;
        this.targetUrl = targetUrl;
        this.targetUser = targetUser;
        this.targetPassword = targetPassword;
        this.dataDir = ServerDirs.fresh("demo-pipeline");
    }

    static Sandbox start(TargetKind kind) {
        MariaDbServer source = MariaDbServer.startSource("demo-source");
        try {
            source.createDatabase(DemoSchema.DATABASE);
            if (kind == TargetKind.postgres) {
                PostgresServer target = PostgresServer.start("demo-target");
                target.createDatabase(DemoSchema.DATABASE);
                return new Sandbox(source, target, target.url(DemoSchema.DATABASE), PostgresServer.USER, PostgresServer.PASSWORD);
            }
            MariaDbServer target = MariaDbServer.startTarget("demo-target");
            target.createDatabase(DemoSchema.DATABASE);
            return new Sandbox(source, target, target.url(DemoSchema.DATABASE), MariaDbServer.USER, MariaDbServer.PASSWORD);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    MariaDbServer source() {
        return source;
    }

    String sourceUrl() {
        return source.url(DemoSchema.DATABASE);
    }

    String targetUrl() {
        return targetUrl;
    }

    String targetUser() {
        return targetUser;
    }

    String targetPassword() {
        return targetPassword;
    }

    String targetQualifier() {
        return target instanceof PostgresServer ? "public" : DemoSchema.DATABASE;
    }

    Connection connectTarget() throws SQLException {
        return java.sql.DriverManager.getConnection(targetUrl, targetUser, targetPassword);
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            target.close();
        } catch (Exception e) {
            System.err.println("lagzero demo: stopping the target failed: " + e.getMessage());
        } finally {
            source.close();
            ServerDirs.deleteRecursively(dataDir);
        }
    }
}
