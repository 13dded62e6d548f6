package io.lagzero.sandbox.db;

import java.util.Locale;

/** Which database a sandbox target is: {@code lagzero demo --target} and the benchmark's {@code --target}. */
public enum TargetKind {
    POSTGRES {
        @Override
        public DatabaseServer start(String name) {
            return PostgresServer.start(name);
        }

        @Override
        public String qualifier(String database) {
            return "public";
        }
    },
    MARIADB {
        @Override
        public DatabaseServer start(String name) {
            return MariaDbServer.startTarget(name);
        }

        @Override
        public String qualifier(String database) {
            return database;
        }
    };

    /** Starts an empty target server of this kind (for MariaDB: without binlog). */
    public abstract DatabaseServer start(String name);

    /**
     * Where lagzero creates the tables of source database {@code database} in a target URL naming
     * {@code database}: PostgreSQL's default schema, or the MariaDB database itself.
     */
    public abstract String qualifier(String database);

    /** As users write it: {@code postgres}, {@code mariadb}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
