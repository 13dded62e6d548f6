package io.lagzero.sink.apply;

import static io.lagzero.sink.testing.DebeziumRecords.base64;
import static io.lagzero.sink.testing.DebeziumRecords.decimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.testing.DebeziumRecords;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The apply core against a real target. The JVM runs in America/New_York throughout, where
 * 2024-03-10 02:30 does not exist: any zone conversion on the way would show.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractChangeApplierTest {
    private static final byte[] BIN = HexFormat.of().parseHex("00ff000000000000000000000000000000000000000000000000000000000001");

    private final TimeZone originalZone = TimeZone.getDefault();
    private final DebeziumRecords customers = DebeziumRecords.forTable("customers");
    private final DebeziumRecords tags = DebeziumRecords.forTable("tags");
    private final DebeziumRecords allTypes = DebeziumRecords.forTable("all_types");
    private final DebeziumRecords notes = DebeziumRecords.forTable("notes");
    protected ChangeApplier applier;
    protected DatabaseServer server;

    protected abstract DatabaseServer startServer();

    /** SQL giving a TIMESTAMP column as epoch seconds with fraction. */
    protected abstract String epochSeconds(String column);

    /** SQL giving a TIME column as signed seconds. */
    protected abstract String timeSeconds(String column);

    /** SQL giving a BIT(n) column as its binary digits. */
    protected abstract String bitText(String column);

    /** SQL giving a temporal column as the server's text (MariaDB Connector/J shifts DST-gap DATETIMEs when reading). */
    protected abstract String text(String column);

    @BeforeAll
    void start() {
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        server = startServer();
        server.createDatabase("app");
        applier = new ChangeApplier(new TargetSettings(server.url("app"), server.user(), server.password()));
    }

    @AfterAll
    void stop() {
        try {
            if (applier != null) {
                applier.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            TimeZone.setDefault(originalZone);
        }
    }

    protected Connection connect() throws SQLException {
        return server.connect("app");
    }

    @Test
    void snapshotRowsArriveThenInsertsUpdatesAndDeletesApply() throws SQLException {
        ApplyResult snapshot = applier.apply(List.of(customer("r", 1, "Ann"), customer("r", 2, "Bob")));
        ApplyResult streamed = applier.apply(List.of(
                customer("c", 3, "Cid"),
                customers.update(customerJson(1, "Ann"), customerJson(1, "Ann B.")),
                customers.delete(customerJson(2, "Bob"))));

        assertThat(snapshot.upserted()).isEqualTo(2);
        assertThat(streamed.upserted()).isEqualTo(2);
        assertThat(streamed.deleted()).isEqualTo(1);
        assertThat(streamed.tables()).containsExactly(Map.entry(new TableId("shop", "customers"), new TableCounts(2, 1)));
        assertThat(streamed.maxSourceTsMs()).hasValue(customers.lastSourceTsMs());
        assertThat(names(1, 9)).containsExactly(Map.entry(1, "Ann B."), Map.entry(3, "Cid"));
        assertThat(query("SELECT prefs, balance FROM customers WHERE id = 3"))
                .containsExactly(List.of("{\"theme\": \"dark\",  \"tags\": [1, 2.50]}", new BigDecimal("1234.50")));
    }

    @Test
    void primaryKeyChangeEndsWithExactlyOneRow() throws SQLException {
        applier.apply(List.of(customer("c", 10, "Old key")));
        ApplyResult result = applier.apply(List.of(customers.delete(customerJson(10, "Old key")),
                customers.tombstone(customerJson(10, "Old key")), customer("c", 11, "Old key")));
        applier.apply(List.of(customer("c", 12, "x"), customers.delete(customerJson(12, "x")), customer("c", 13, "x")));

        assertThat(result.skipped()).isEqualTo(1);
        assertThat(names(10, 20)).containsExactly(Map.entry(11, "Old key"), Map.entry(13, "x"));
    }

    @Test
    void replayingABatchChangesNothing() throws SQLException {
        List<SinkRecord> batch = List.of(customer("c", 30, "a"), customers.update(customerJson(30, "a"), customerJson(30, "b")),
                customer("c", 31, "gone"), customers.delete(customerJson(31, "gone")), customer("c", 32, "kept"));

        ApplyResult first = applier.apply(batch);
        List<List<Object>> afterFirst = query("SELECT * FROM customers WHERE id BETWEEN 30 AND 39 ORDER BY id");
        ApplyResult second = applier.apply(batch);

        assertThat(query("SELECT * FROM customers WHERE id BETWEEN 30 AND 39 ORDER BY id")).isEqualTo(afterFirst).hasSize(2);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void theLastChangeOfAKeyInABatchWins() throws SQLException {
        applier.apply(List.of(customer("c", 42, "before")));
        applier.apply(List.of(customer("c", 40, "a"), customers.update(customerJson(40, "a"), customerJson(40, "b")),
                customers.update(customerJson(40, "b"), customerJson(40, "c")),
                customer("c", 41, "a"), customers.delete(customerJson(41, "a")),
                customers.delete(customerJson(42, "before")), customer("c", 42, "after")));

        assertThat(names(40, 50)).containsExactly(Map.entry(40, "c"), Map.entry(42, "after"));
    }

    @Test
    void tablesWhoseColumnsAreAllKeyUpsertAndDelete() throws SQLException {
        List<SinkRecord> snapshot = List.of(tags.snapshot("{\"post_id\": 7, \"tag\": \"x\"}"),
                tags.snapshot("{\"post_id\": 7, \"tag\": \"y\"}"));
        applier.apply(snapshot);
        applier.apply(snapshot);
        applier.apply(List.of(tags.delete("{\"post_id\": 7, \"tag\": \"x\"}")));

        assertThat(query("SELECT post_id, tag FROM tags ORDER BY tag")).containsExactly(List.of(7, "y"));
    }

    @Test
    void valuesSurviveExactlyAndNullsStayNull() throws SQLException {
        List<SinkRecord> batch = List.of(allTypes.snapshot(fullRow()), allTypes.snapshot("{\"id\": 2, \"name\": \"\"}"));
        applier.apply(batch);
        applier.apply(batch);

        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT t.*, " + epochSeconds("ts") + " AS ts_epoch, " + timeSeconds("t")
                        + " AS t_seconds, " + bitText("bits") + " AS bits_text, " + text("dt") + " AS dt_text, " + text("dt0")
                        + " AS dt0_text, " + text("dt3") + " AS dt3_text FROM all_types t WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertFullRow(rs);
        }
        Map<String, Object> nullRow = query("SELECT * FROM all_types WHERE id = 2", true).get(0);
        assertThat(nullRow).containsEntry("name", "");
        nullRow.remove("id");
        nullRow.remove("name");
        assertThat(nullRow.values()).hasSize(32).containsOnlyNulls();
    }

    private void assertFullRow(ResultSet rs) throws SQLException {
        assertThat(rs.getLong("i")).isEqualTo(Integer.MAX_VALUE);
        assertThat(rs.getLong("i_u")).isEqualTo(4_294_967_295L);
        assertThat(rs.getInt("si_u")).isEqualTo(65_535);
        assertThat(rs.getInt("ti")).isEqualTo(-128);
        assertThat(rs.getLong("bi")).isEqualTo(Long.MAX_VALUE);
        assertThat(rs.getBigDecimal("bi_u")).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(rs.getBigDecimal("dec20")).isEqualTo(new BigDecimal("12345678901234.123456"));
        assertThat(rs.getFloat("f")).isEqualTo(1.5f);
        assertThat(rs.getDouble("dbl")).isEqualTo(2.25);
        assertThat(rs.getString("name")).isEqualTo("h\u00e9llo \uD83D\uDE00 \u4F60\u597D");
        assertThat(rs.getString("code")).isEqualTo("abc");
        assertThat(rs.getString("body")).isEqualTo("line 1\nline 2\t\"quoted\" \\ '");
        assertThat(rs.getBytes("bin")).isEqualTo(BIN);
        assertThat(rs.getBytes("vb")).isEqualTo(new byte[] {0, 1});
        assertThat(rs.getBytes("blb")).isEqualTo(HexFormat.of().parseHex("deadbeef"));
        assertThat(rs.getString("dt_text")).isEqualTo("2024-03-10 02:30:00.123456");
        assertThat(rs.getString("dt0_text")).isEqualTo("2024-03-10 02:30:00");
        assertThat(rs.getString("dt3_text")).isEqualTo("2024-03-10 02:30:00.123");
        Instant ts = Instant.parse("2024-03-10T07:30:00.654321Z");
        assertThat(rs.getBigDecimal("ts_epoch")).isEqualByComparingTo(BigDecimal.valueOf(ts.getEpochSecond(), 0).add(new BigDecimal("0.654321")));
        assertThat(rs.getObject("d", LocalDate.class)).isEqualTo(LocalDate.parse("2024-02-29"));
        assertThat(rs.getBigDecimal("t_seconds")).isEqualByComparingTo("-3020399");
        assertThat(rs.getInt("y")).isEqualTo(2024);
        assertThat(rs.getString("j")).isEqualTo("{\"a\": [1, 2.50, \"x\"]}");
        assertThat(rs.getString("e")).isEqualTo("large");
        assertThat(rs.getString("s")).isEqualTo("a,c");
        assertThat(rs.getBoolean("flag")).isTrue();
        assertThat(rs.getString("bits_text")).isEqualTo("1000000001");
        assertThat(rs.getInt("bool")).isEqualTo(1);
        assertThat(rs.getInt("mi")).isEqualTo(-8_388_608);
    }

    @Test
    void aFailureInTheMiddleOfABatchLeavesTheTargetUnchanged() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, body VARCHAR(3))");
        }
        applier.apply(List.of(customer("c", 51, "stays")));
        List<SinkRecord> batch = List.of(customer("c", 50, "never"), customers.delete(customerJson(51, "stays")),
                notes.create("{\"id\": 1, \"body\": \"far too long for three characters\"}"));

        assertThatThrownBy(() -> applier.apply(batch)).isInstanceOf(ApplyException.class)
                .hasMessageContaining("target table notes").hasMessageContaining("rolled back")
                .satisfies(e -> assertThat(((ApplyException) e).table()).isEqualTo(new TableId("shop", "notes")));

        assertThat(names(50, 60)).containsExactly(Map.entry(51, "stays"));
        assertThat(query("SELECT * FROM notes")).isEmpty();
    }

    @Test
    void batchesLargerThanOneStatementAreChunked() throws SQLException {
        List<SinkRecord> batch = new ArrayList<>();
        for (int id = 1000; id < 5500; id++) {
            batch.add(customer("r", id, "bulk " + id));
        }
        ApplyResult result = applier.apply(batch);

        assertThat(result.upserted()).isEqualTo(4500);
        assertThat(query("SELECT COUNT(*) FROM customers WHERE id BETWEEN 1000 AND 5499").get(0).get(0))
                .asString().isEqualTo("4500");
    }

    private SinkRecord customer(String op, int id, String name) {
        String json = customerJson(id, name);
        return op.equals("r") ? customers.snapshot(json) : customers.create(json);
    }

    private static String customerJson(int id, String name) {
        return """
                {"id": %d, "name": "%s", "email": "c%d@example.com", "prefs": %s, "balance": "%s"}"""
                .formatted(id, name, id, "\"{\\\"theme\\\": \\\"dark\\\",  \\\"tags\\\": [1, 2.50]}\"", decimal("1234.50"));
    }

    private static String fullRow() {
        return """
                {"id": 1, "i": 2147483647, "i_u": 4294967295, "si_u": 65535, "ti": -128, "ti1": 1,
                 "bi": 9223372036854775807, "bi_u": "%s", "dec20": "%s", "f": 1.5, "dbl": 2.25,
                 "name": "h\\u00e9llo \\ud83d\\ude00 \\u4f60\\u597d", "code": "abc",
                 "body": "line 1\\nline 2\\t\\"quoted\\" \\\\ '", "bin": "%s", "vb": "AAE=", "blb": "3q2+7w==",
                 "dt": 1710037800123456, "dt0": 1710037800000, "dt3": 1710037800123,
                 "ts": "2024-03-10T07:30:00.654321Z", "ts0": "2024-03-10T07:30:00Z", "d": 19782,
                 "t": -3020399000000, "t0": 3020399000000, "y": 2024, "j": "{\\"a\\": [1, 2.50, \\"x\\"]}",
                 "e": "large", "s": "a,c", "flag": true, "bits": "AQI=", "bool": 1, "mi": -8388608, "lt": "long"}"""
                .formatted(decimal("18446744073709551615"), decimal("12345678901234.123456"), base64(BIN));
    }

    private Map<Integer, String> names(int fromId, int toIdExclusive) throws SQLException {
        Map<Integer, String> names = new LinkedHashMap<>();
        for (List<Object> row : query("SELECT id, name FROM customers WHERE id >= " + fromId + " AND id < "
                + toIdExclusive + " ORDER BY id")) {
            names.put(((Number) row.get(0)).intValue(), (String) row.get(1));
        }
        return names;
    }

    private List<List<Object>> query(String sql) throws SQLException {
        return query(sql, false).stream().map(row -> (List<Object>) new ArrayList<>(row.values())).toList();
    }

    private List<Map<String, Object>> query(String sql, boolean named) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), plain(rs, i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Driver-specific objects (PostgreSQL json) as text, bytes as hex, so rows compare by value. */
    private static Object plain(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return value == null || value.getClass().getName().startsWith("java.") ? value : rs.getString(column);
    }
}
