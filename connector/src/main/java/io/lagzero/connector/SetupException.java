package io.lagzero.connector;

/**
 * A problem the user can fix (wrong password, unreachable host, binlog off, table without a
 * primary key). Its message names the problem and the fix; it is shown without a stack trace.
 */
public class SetupException extends RuntimeException {
    public SetupException(String message) {
        super(message);
    }

    public SetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
