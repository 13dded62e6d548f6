package io.lagzero.control.cutover;

/** Stops and restarts the application's writes on the source for the switchover. */
public interface SourceFreeze {
    /** Checks, without freezing, that {@link #freeze} can work; throws a SetupException naming the fix. */
    void check();

    void freeze();

    /** Undoes {@link #freeze}; safe to call when the freeze failed halfway. */
    void unfreeze();

    /** For the log: how writes are frozen. */
    String describe();
}
