package io.lagzero.bench;

/** The benchmark's target database. */
enum TargetKind {
    MARIADB,
    POSTGRES;

    /**
     * The target URL with the driver settings that upsert fastest here: MariaDB's server-side
     * prepared statements (1.5 times the rows per second of its default, the escaped values sent
     * in the SQL text). lagzero's MariaDB dialect sets the same.
     */
    String fastestUrl(String url) {
        return this == MARIADB ? url + (url.contains("?") ? "&" : "?") + "useServerPrepStmts=true" : url;
    }
}
