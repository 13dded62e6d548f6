package io.lagzero.sink.apply;

/**
 * What the sink does when a source table changes in a way other than gaining a column (which
 * {@link SchemaEvolution#BASIC} handles): a column dropped, renamed or retyped, or a new primary
 * key. Like Vitess' {@code --on-ddl}.
 */
public enum DdlPolicy {
    /** Apply every change before the DDL, then stop with a message naming the table and what changed. */
    STOP,
    /** Log a warning and keep applying into the target table as it is; the target may diverge. */
    IGNORE
}
