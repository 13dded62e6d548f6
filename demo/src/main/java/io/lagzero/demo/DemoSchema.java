package io.lagzero.demo;

import io.lagzero.sink.event.TableId;
import java.util.List;

/**
 * The sandbox's source database: {@code sites} (OLTP: updated and deleted), {@code pageviews}
 * (append-heavy, a BINARY(32) signature) and {@code events} (JSON payloads, TIMESTAMPs).
 * Rows are generated inside MariaDB from its SEQUENCE engine, so seeding a million takes seconds.
 */
final class DemoSchema {
    static final String DATABASE = "shopdemo";
    static final List<TableId> TABLES = List.of(
            new TableId(DATABASE, "sites"), new TableId(DATABASE, "pageviews"), new TableId(DATABASE, "events"));

    private DemoSchema() {
    }

    static String[] createTables() {
        return new String[] {
            """
            CREATE TABLE sites (
              id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
              domain VARCHAR(255) NOT NULL,
              name VARCHAR(100) CHARACTER SET utf8mb4 NOT NULL,
              plan VARCHAR(16) NOT NULL DEFAULT 'free',
              monthly_fee DECIMAL(20,6) NOT NULL,
              visits BIGINT NOT NULL DEFAULT 0,
              created_at DATETIME(6) NOT NULL,
              updated_at TIMESTAMP(6) NULL,
              is_active BOOLEAN NOT NULL,
              notes TEXT NULL
            )""",
            """
            CREATE TABLE pageviews (
              id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
              site_id BIGINT UNSIGNED NOT NULL,
              url VARCHAR(512) NOT NULL,
              user_signature BINARY(32) NOT NULL,
              viewed_at DATETIME(6) NOT NULL,
              duration_ms INT UNSIGNED NULL,
              referrer VARCHAR(255) NULL,
              KEY pageviews_site (site_id)
            )""",
            """
            CREATE TABLE events (
              id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
              site_id BIGINT UNSIGNED NOT NULL,
              kind VARCHAR(32) NOT NULL,
              payload JSON NULL,
              amount DECIMAL(12,2) NULL,
              occurred_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
              day DATE NOT NULL
            )"""
        };
    }

    /** Seeds about {@code rows} rows: 1 % sites, 70 % pageviews, the rest events. */
    static String[] seed(long rows) {
        long sites = Math.max(10, rows / 100);
        long pageviews = rows * 7 / 10;
        long events = Math.max(1, rows - sites - pageviews);
        return new String[] {
            "INSERT INTO sites (id, domain, name, plan, monthly_fee, visits, created_at, updated_at, is_active, notes) "
                + "SELECT seq, CONCAT('site', seq, '.example.com'), "
                + "CASE seq % 4 WHEN 0 THEN CONCAT('Café ☕ ', seq) WHEN 1 THEN CONCAT('Shop 🚀 ', seq) ELSE CONCAT('Site ', seq) END, "
                + "ELT(1 + seq % 3, 'free', 'pro', 'enterprise'), (seq % 1000) * 1.234567, seq * 31, "
                + "TIMESTAMP('2020-01-01') + INTERVAL seq MINUTE + INTERVAL (seq % 999999) MICROSECOND, "
                + "IF(seq % 5 = 0, NULL, TIMESTAMP('2024-03-10 02:30:00.123456') + INTERVAL seq SECOND), "
                + "seq % 7 <> 0, IF(seq % 3 = 0, NULL, IF(seq % 3 = 1, '', REPEAT('note ', 1 + seq % 20))) "
                + "FROM seq_1_to_" + sites,
            "INSERT INTO pageviews (id, site_id, url, user_signature, viewed_at, duration_ms, referrer) "
                + "SELECT seq, 1 + seq % " + sites + ", CONCAT('/products/', seq % 5000, '?ref=', seq), "
                + "UNHEX(SHA2(seq, 256)), TIMESTAMP('2024-01-01') + INTERVAL seq SECOND + INTERVAL (seq % 1000000) MICROSECOND, "
                + "IF(seq % 11 = 0, NULL, seq % 600000), IF(seq % 2 = 0, NULL, CONCAT('https://search.example/?q=', seq % 977)) "
                + "FROM seq_1_to_" + pageviews,
            "INSERT INTO events (id, site_id, kind, payload, amount, occurred_at, day) "
                + "SELECT seq, 1 + seq % " + sites + ", ELT(1 + seq % 4, 'signup', 'purchase', 'refund', 'login'), "
                + "IF(seq % 6 = 0, NULL, JSON_OBJECT('seq', seq, 'tags', JSON_ARRAY('a', 'ü'), 'ok', seq % 2 = 0)), "
                + "IF(seq % 4 = 1, (seq % 100000) / 100, NULL), "
                + "TIMESTAMP('2024-06-01') + INTERVAL seq SECOND + INTERVAL (seq % 1000) * 1000 MICROSECOND, "
                + "DATE('2023-01-01') + INTERVAL seq % 700 DAY "
                + "FROM seq_1_to_" + events
        };
    }
}
