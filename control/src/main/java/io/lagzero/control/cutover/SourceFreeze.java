package io.lagzero.control.cutover;

import java.time.Duration;

/** Stops and restarts the application's writes on the source for the switchover. */
public interface SourceFreeze {
    /** {@code SET GLOBAL read_only = ON}, as a source user who may (README.md lists the grant per server). */
    static SourceFreeze readOnly(String url, String user, String password) {
        return new ReadOnlyFreeze(url, user, password);
    }

    /** The operator's own freeze and unfreeze commands, run with {@code sh -c}. */
    static SourceFreeze commands(String freezeCommand, String unfreezeCommand, Duration timeout) {
        return new CommandFreeze(freezeCommand, unfreezeCommand, timeout);
    }

    /** Checks, without freezing, that {@link #freeze} can work; throws a UserError naming the fix. */
    void check();

    void freeze();

    /** Undoes {@link #freeze}; safe to call when the freeze failed halfway. */
    void unfreeze();

    /** For the log: how writes are frozen. */
    String describe();
}
