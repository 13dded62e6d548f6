package io.lagzero.sink.apply;

/**
 * What happens to text with a NUL character (U+0000) when the target cannot store one
 * (PostgreSQL text and JSON). MariaDB and MySQL store it as it is, so this applies only there.
 */
public enum NulHandling {
    /** The record fails like any permanent error: dead-letter queue, or the task stops naming it. */
    FAIL,
    /** NUL characters are removed. */
    STRIP,
    /** Each NUL character becomes U+FFFD, the replacement character. */
    REPLACE
}
