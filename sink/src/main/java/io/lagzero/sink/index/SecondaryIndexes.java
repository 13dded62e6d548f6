package io.lagzero.sink.index;

/** Whether the source's secondary indexes are created in the target. */
public enum SecondaryIndexes {
    /** The target tables get only their primary keys. */
    NONE,
    /** Each table's secondary indexes are built once its snapshot is in the target (UNIQUE ones as plain indexes). */
    AFTER_SNAPSHOT
}
