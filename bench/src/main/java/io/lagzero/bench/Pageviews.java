package io.lagzero.bench;

import io.lagzero.sandbox.db.TargetKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.SplittableRandom;

/**
 * The benchmark's row: a pageview of about 250 bytes, generated from its id alone, so the seeder
 * and the raw-upsert baseline write exactly the same rows. {@code seq} is the stream writer's
 * change counter, which the lag probe reads back from the target.
 */
final class Pageviews {
    static final String[] COLUMNS = {"id", "site_id", "session_id", "url", "referrer", "user_agent", "country",
        "duration_ms", "viewed_at", "seq"};
    private static final String[] AGENTS = {
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"};
    private static final String[] COUNTRIES = {"DE", "US", "FR", "BR", "IN", "JP", "NG", "CA"};
    private static final long EPOCH_2026 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private Pageviews() {
    }

    /** The source table (MariaDB), with the secondary index a real pageviews table has. */
    static String sourceDdl(String table) {
        return "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, site_id INT NOT NULL,"
                + " session_id CHAR(32) NOT NULL, url VARCHAR(255) NOT NULL, referrer VARCHAR(255) NULL,"
                + " user_agent VARCHAR(255) NOT NULL, country CHAR(2) NOT NULL, duration_ms INT NULL,"
                + " viewed_at DATETIME(3) NOT NULL, seq BIGINT NOT NULL DEFAULT 0,"
                + " KEY " + table + "_site (site_id, viewed_at))";
    }

    /** The same table in a target, primary key only (as a sink creates it for the snapshot). */
    static String targetDdl(TargetKind target, String table) {
        String datetime = target == TargetKind.POSTGRES ? "TIMESTAMP(3)" : "DATETIME(3)";
        return "CREATE TABLE " + table + " (id BIGINT NOT NULL PRIMARY KEY, site_id INT NOT NULL,"
                + " session_id CHAR(32) NOT NULL, url VARCHAR(255) NOT NULL, referrer VARCHAR(255) NULL,"
                + " user_agent VARCHAR(255) NOT NULL, country CHAR(2) NOT NULL, duration_ms INT NULL,"
                + " viewed_at " + datetime + " NOT NULL, seq BIGINT NOT NULL)";
    }

    /** A multi-row INSERT of {@code rows} rows, an upsert when {@code upsertFor} names a target. */
    static String insert(String table, int rows, TargetKind upsertFor) {
        String tuple = "(" + String.join(", ", Collections.nCopies(COLUMNS.length, "?")) + ")";
        String sql = "INSERT INTO " + table + " (" + String.join(", ", COLUMNS) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, tuple));
        if (upsertFor == null) {
            return sql;
        }
        StringBuilder update = new StringBuilder(upsertFor == TargetKind.POSTGRES
                ? " ON CONFLICT (id) DO UPDATE SET " : " ON DUPLICATE KEY UPDATE ");
        for (int i = 1; i < COLUMNS.length; i++) {
            String column = COLUMNS[i];
            update.append(i > 1 ? ", " : "").append(column).append(" = ")
                    .append(upsertFor == TargetKind.POSTGRES ? "EXCLUDED." + column : "VALUES(" + column + ")");
        }
        return sql + update;
    }

    /** Binds row {@code id} (with change counter {@code seq}) at parameter offset {@code at}. */
    static void bind(PreparedStatement statement, int at, long id, long seq) throws SQLException {
        SplittableRandom random = new SplittableRandom(id);
        int site = 1 + random.nextInt(5_000);
        statement.setLong(at + 1, id);
        statement.setInt(at + 2, site);
        statement.setString(at + 3, Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong() | Long.MIN_VALUE));
        statement.setString(at + 4, "https://site" + site + ".example.com/articles/" + random.nextInt(1_000_000)
                + "/how-we-moved-our-database-without-downtime?utm_source=newsletter");
        statement.setString(at + 5, random.nextInt(3) == 0 ? null : "https://www.search.example/q?term=" + random.nextInt(100_000));
        statement.setString(at + 6, AGENTS[random.nextInt(AGENTS.length)]);
        statement.setString(at + 7, COUNTRIES[random.nextInt(COUNTRIES.length)]);
        if (random.nextInt(10) == 0) {
            statement.setNull(at + 8, java.sql.Types.INTEGER);
        } else {
            statement.setInt(at + 8, random.nextInt(600_000));
        }
        statement.setTimestamp(at + 9, new Timestamp(EPOCH_2026 + random.nextLong(300L * 86_400_000L)));
        statement.setLong(at + 10, seq);
    }

    /**
     * Writes rows {@code [from, to)} with seq 0 into {@code table}, {@code perStatement} rows per
     * statement and transaction; an upsert when {@code upsertFor} names a target.
     */
    static void write(Connection connection, String table, TargetKind upsertFor, int perStatement, long from, long to)
            throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement full = connection.prepareStatement(insert(table, perStatement, upsertFor))) {
            long id = from;
            for (; id + perStatement <= to; id += perStatement) {
                bindRows(full, id, perStatement);
                full.executeUpdate();
                connection.commit();
            }
            if (id < to) {
                try (PreparedStatement tail = connection.prepareStatement(insert(table, (int) (to - id), upsertFor))) {
                    bindRows(tail, id, (int) (to - id));
                    tail.executeUpdate();
                    connection.commit();
                }
            }
        }
    }

    private static void bindRows(PreparedStatement statement, long firstId, int rows) throws SQLException {
        for (int i = 0; i < rows; i++) {
            bind(statement, i * COLUMNS.length, firstId + i, 0);
        }
    }
}
