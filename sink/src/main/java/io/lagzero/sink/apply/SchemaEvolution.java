package io.lagzero.sink.apply;

/** What the sink may change in the target's schema. */
public enum SchemaEvolution {
    /** Create missing tables and add columns the source gained; never drop or alter. */
    BASIC,
    /** Change nothing: a missing table or column fails the batch. */
    NONE
}
