package io.lagzero.bench;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.TargetKind;
import io.lagzero.sink.dialect.Dialects;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The physical ceiling for any sink here: the benchmark rows upserted straight into the target
 * with plain JDBC (no Kafka, no decoding), 1,000-row multi-row statements, one transaction each,
 * from as many writers as the sinks get tasks, with the driver settings lagzero's dialect uses; the
 * fastest of three passes counts.
 */
final class RawUpsert {
    static final int ROWS_PER_STATEMENT = 1_000;
    private static final int PASSES = 3;

    private RawUpsert() {
    }

    /** The fastest of {@value #PASSES} passes, each into an empty table: the ceiling, as little noise as may be. */
    static SnapshotRun.Rate run(DatabaseServer target, TargetKind kind, String database, long rows, int writers)
            throws Exception {
        target.createDatabase(database);
        SnapshotRun.Rate fastest = null;
        for (int pass = 1; pass <= PASSES; pass++) {
            String table = "pageviews_" + pass;
            target.execute(database, Pageviews.targetDdl(kind, table));
            SnapshotRun.Rate rate = pass(target, kind, database, table, rows, writers);
            target.execute(database, "DROP TABLE " + table);
            fastest = fastest == null || rate.perSecond() > fastest.perSecond() ? rate : fastest;
        }
        return fastest;
    }

    /** The target's login and the driver settings lagzero's dialect for it uses (MariaDB: server-side prepared statements). */
    private static Properties driverProperties(DatabaseServer target, String database) {
        Properties properties = new Properties();
        properties.putAll(Dialects.forUrl(target.url(database)).driverProperties());
        properties.put("user", target.user());
        properties.put("password", target.password());
        return properties;
    }

    private static SnapshotRun.Rate pass(DatabaseServer target, TargetKind kind, String database, String table, long rows,
            int writers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            long start = System.nanoTime();
            List<Future<Void>> slices = new ArrayList<>();
            long slice = (rows + writers - 1) / writers;
            for (int w = 0; w < writers; w++) {
                long from = 1 + w * slice;
                long to = Math.min(rows + 1, from + slice);
                slices.add(pool.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(target.url(database), driverProperties(target, database))) {
                        Pageviews.write(connection, table, kind, ROWS_PER_STATEMENT, from, to);
                    }
                    return null;
                }));
            }
            for (Future<Void> done : slices) {
                done.get();
            }
            return new SnapshotRun.Rate(rows, Duration.ofNanos(System.nanoTime() - start), true);
        } finally {
            pool.shutdownNow();
        }
    }
}
