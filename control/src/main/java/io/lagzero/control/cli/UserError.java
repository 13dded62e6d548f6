package io.lagzero.control.cli;

/**
 * A problem the user can fix, such as a missing option or a value out of range: the message is the
 * one line {@code lagzero} prints (exit code 2), naming the problem and the fix. Problems with the
 * source's own setup arrive as the connector's {@link io.lagzero.connector.SetupException}, which
 * {@code lagzero} prints the same way.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
