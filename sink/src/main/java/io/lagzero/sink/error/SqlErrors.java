package io.lagzero.sink.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells transient target failures, which a retry of the same batch may cure, from permanent ones,
 * which are a property of the data or the schema, and from target failures, which no record can
 * get past (so sending records to a dead-letter queue would only empty the topic into it). Judged
 * by SQLState and, for MariaDB/MySQL, the vendor code, anywhere in the cause chain.
 */
public final class SqlErrors {
    /** MariaDB/MySQL: too many connections, read-only (failover), lock wait timeout, deadlock, gone away, lost. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1040, 1290, 1205, 1213, 2006, 2013);
    /**
     * Deadlock or serialization failure (40001, PG 40P01), PG lock_timeout (55P03), statement
     * cancelled (57014), server shutting down (57P01..57P03), too many connections (53300),
     * read-only transaction during failover (25006); and every connection exception (class 08).
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57014", "57P01", "57P02",
            "57P03", "53300", "25006");

    /** MariaDB/MySQL: access denied (user, database), unknown database. */
    private static final Set<Integer> TARGET_CODES = Set.of(1044, 1045, 1049, 1698);

    private SqlErrors() {
    }

    public enum Kind {
        /** A retry of the same batch may succeed. */
        TRANSIENT,
        /** No record can succeed: the target refuses the login or lost the database. */
        TARGET,
        /** Caused by the records at hand (data or schema); other records may succeed. */
        PERMANENT
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (isTransient(e)) {
                        return Kind.TRANSIENT;
                    }
                    if (isTarget(e)) {
                        return Kind.TARGET;
                    }
                }
            }
        }
        return Kind.PERMANENT;
    }

    /** Invalid authorization (class 28) or an unknown database (3D000). */
    private static boolean isTarget(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("28") || state.equals("3D000")) || TARGET_CODES.contains(e.getErrorCode());
    }

    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || TRANSIENT_STATES.contains(state))
                || TRANSIENT_CODES.contains(e.getErrorCode());
    }
}
