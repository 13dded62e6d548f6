package io.lagzero.connector;

import java.util.Locale;

/** Turns Debezium's failures into one line that says what is wrong. */
final class SourceErrors {
    private SourceErrors() {
    }

    static String explain(Throwable error) {
        String all = chain(error);
        if (all.contains("Access denied") && all.toLowerCase(Locale.ROOT).contains("replication")) {
            return "the source user lacks replication privileges. Fix: GRANT SELECT, RELOAD, SHOW DATABASES, "
                    + "REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO the user (README.md lists every grant).";
        }
        if (all.contains("Access denied")) {
            return "the source refused the user: " + rootMessage(error)
                    + ". Fix: check --source-user and LAGZERO_SOURCE_PASSWORD, and the user's grants.";
        }
        if (all.contains("is no longer available on the server")) {
            return "the binlog position where lagzero stopped is no longer on the source (its binlog was purged, or "
                    + "this is another server than the one --data-dir's Kafka offsets came from). Fix: start over with "
                    + "a new snapshot by removing --data-dir (and the target tables, or they are upserted into), and keep "
                    + "binlogs longer than lagzero may be stopped (binlog_expire_logs_seconds / expire_logs_days)";
        }
        return rootMessage(error);
    }

    private static String chain(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
