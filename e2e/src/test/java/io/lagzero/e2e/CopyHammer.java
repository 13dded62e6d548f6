package io.lagzero.e2e;

import io.lagzero.sandbox.db.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * An application that writes exactly where the backfill is copying: it reads the segments'
 * cursors from the copy state in the target and updates, deletes, re-keys and inserts rows just
 * after them, in the chunks being read or about to be read, and past the table's end.
 */
final class CopyHammer implements AutoCloseable {
    /** The SQL of one table: each statement takes a key (the first key column's number) as its only parameters. */
    record Table(String name, String update, String delete, String rekey, String insert, LongFunction<Object> key) {
    }

    private final Connection source;
    private final Connection target;
    private final String stateTable;
    private final Table table;
    private final String qualifiedName;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong nearCursor = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    private CopyHammer(DatabaseServer source, String db, Target target, String targetDb, Table table) throws SQLException {
        this.source = source.connect(db);
        this.source.setAutoCommit(true);
        this.target = target.server().connect(targetDb);
        this.target.setAutoCommit(true);
        this.stateTable = target.dialect().qualified(target.qualifier(targetDb), "lagzero_backfill");
        this.table = table;
        this.qualifiedName = db + "." + table.name();
        this.thread = new Thread(this::run, "copy-hammer-" + table.name());
    }

    static CopyHammer start(DatabaseServer source, String db, Target target, String targetDb, Table table) throws SQLException {
        CopyHammer hammer = new CopyHammer(source, db, target, targetDb, table);
        hammer.thread.start();
        return hammer;
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            while (running) {
                List<Long> cursors = cursors();
                long at;
                if (cursors.isEmpty()) {
                    at = 1 + random.nextLong(200_000);
                } else {
                    at = cursors.get(random.nextInt(cursors.size())) + 1 + random.nextLong(3_000);
                    nearCursor.incrementAndGet();
                }
                for (int i = 0; i < 20 && running; i++) {
                    writeOne(random, at + random.nextLong(50));
                }
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    /** The first key column of each unfinished segment's cursor, as a number. */
    private List<Long> cursors() throws SQLException {
        List<Long> cursors = new ArrayList<>();
        try (Statement s = target.createStatement();
                ResultSet rs = s.executeQuery("SELECT cursor_key FROM " + stateTable + " WHERE table_name = '"
                        + qualifiedName + "' AND state = 'copy' AND cursor_key IS NOT NULL")) {
            while (rs.next()) {
                String first = rs.getString(1).replaceAll("^\\[\"([^\"]*)\".*", "$1");
                cursors.add(Long.parseLong(first.replaceAll("\\D", "")));
            }
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState()) || "42P01".equals(e.getSQLState())) {
                return List.of(); // the backfill has not created its state yet
            }
            throw e;
        }
        return cursors;
    }

    private void writeOne(ThreadLocalRandom random, long key) throws SQLException {
        int dice = random.nextInt(10);
        if (dice < 4) {
            execute(table.update(), table.key().apply(key));
        } else if (dice < 6) {
            execute(table.delete(), table.key().apply(key));
        } else if (dice < 8) {
            long to = random.nextBoolean() ? key + 1_000_000 + random.nextLong(1_000_000) : Math.max(1, key - random.nextLong(5_000));
            execute(table.rekey(), table.key().apply(to), table.key().apply(key));
        } else {
            execute(table.insert(), table.key().apply(random.nextBoolean() ? key : 400_000 + random.nextLong(100_000)));
        }
        writes.incrementAndGet();
    }

    private void execute(String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getErrorCode() != 1062) { // a re-key or insert onto an existing key: the application's own conflict
                throw e;
            }
        }
    }

    long writes() {
        if (failure != null) {
            throw new IllegalStateException("the hammer on " + qualifiedName + " failed", failure);
        }
        return writes.get();
    }

    /** Rounds of writes aimed just past a segment's cursor. */
    long nearCursor() {
        return nearCursor.get();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.join();
        writes();
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join();
        source.close();
        target.close();
    }
}
