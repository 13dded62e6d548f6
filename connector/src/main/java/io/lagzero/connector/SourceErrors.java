package io.lagzero.connector;

/** Turns Debezium's failures into one line that says what is wrong. */
final class SourceErrors {
    private SourceErrors() {
    }

    static String explain(Throwable error) {
        String all = chain(error);
        if (all.contains("Access denied") && all.toLowerCase(java.util.Locale.ROOT).contains("replication")) {
            return "the source user lacks replication privileges. Fix: GRANT SELECT, RELOAD, SHOW DATABASES, "
                    + "REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO the user (MariaDB: also BINLOG MONITOR).";
        }
        if (all.contains("Access denied")) {
            return "the source refused the user: " + rootMessage(error)
                    + ". Fix: check --source-user and LAGZERO_SOURCE_PASSWORD, and the user's grants.";
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
