package io.lagzero.bench;

/** The benchmark's target database. */
enum TargetKind {
    MARIADB,
    POSTGRES
}
