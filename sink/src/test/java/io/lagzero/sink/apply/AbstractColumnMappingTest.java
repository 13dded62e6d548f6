package io.lagzero.sink.apply;

import static io.lagzero.sink.testing.DebeziumRecords.decimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.naming.TableNameFormat;
import io.lagzero.sink.testing.DebeziumRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The column mapping against a real target: what the created table looks like and what lands in it. */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractColumnMappingTest {
    private static final ColumnMapping MAPPING = ColumnMapping.parse("shop.pageviews.pv_id rename:id; "
            + "shop.pageviews.user_sig rename:user_signature hex_to_binary; shop.pageviews.debug exclude; "
            + "shop.pageviews.fee type:NUMERIC(20,6); shop.notes.body type:VARCHAR(40)");

    private final DebeziumRecords pageviews = DebeziumRecords.forTable("pageviews");
    private final DebeziumRecords notes = DebeziumRecords.forTable("notes");
    private ChangeApplier applier;
    private DatabaseServer server;

    protected abstract DatabaseServer startServer();

    /** SQL listing a table's columns as (name, type as the target's catalog spells it). */
    protected abstract String columnTypesQuery(String table);

    /** The catalog's spelling of a 32-byte binary column, of NUMERIC(20,6) and of VARCHAR(40). */
    protected abstract Map<String, String> expectedTypes();

    @BeforeAll
    void start() {
        server = startServer();
        server.createDatabase("app");
        applier = new ChangeApplier(new TargetSettings(server.url("app"), server.user(), server.password(), 100, 2, true,
                SchemaEvolution.BASIC, TableNameFormat.DEFAULT, MAPPING));
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
        }
    }

    private Connection connect() throws SQLException {
        return server.connect("app");
    }

    @Test
    void theCreatedTableHasTheMappedColumnsAndTypes() throws SQLException {
        applier.apply(List.of(pageviews.snapshot(row(1, sha256("one")))));

        assertThat(columnTypes("pageviews")).containsOnlyKeys("id", "user_signature", "fee", "page")
                .containsEntry("user_signature", expectedTypes().get("user_signature"))
                .containsEntry("fee", expectedTypes().get("fee"));
    }

    @Test
    void anAddedColumnGetsItsDeclaredType() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id INT NOT NULL PRIMARY KEY)");
        }
        applier.apply(List.of(notes.create("{\"id\": 1, \"body\": \"hello\"}")));

        assertThat(columnTypes("notes")).containsEntry("body", expectedTypes().get("body"));
    }

    private Map<String, String> columnTypes(String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        for (List<Object> row : query(columnTypesQuery(table))) {
            types.put((String) row.get(0), ((String) row.get(1)).toLowerCase(Locale.ROOT));
        }
        return types;
    }

    @Test
    void aHexSha256LandsAsItsBytesAndTheRenamedKeyUpsertsAndDeletes() throws SQLException {
        applier.apply(List.of(pageviews.create(row(20, sha256("a"))), pageviews.create(row(21, sha256("b")))));
        applier.apply(List.of(pageviews.update(row(20, sha256("a")), row(20, sha256("c").toUpperCase())),
                pageviews.delete(row(21, sha256("b")))));

        List<List<Object>> rows = query("SELECT id, user_signature, fee, page FROM pageviews WHERE id BETWEEN 20 AND 29");
        assertThat(rows).hasSize(1);
        assertThat(((Number) rows.get(0).get(0)).intValue()).isEqualTo(20);
        assertThat((byte[]) rows.get(0).get(1)).isEqualTo(HexFormat.of().parseHex(sha256("c"))).hasSize(32);
        assertThat((BigDecimal) rows.get(0).get(2)).isEqualByComparingTo("12.34");
        assertThat(rows.get(0).get(3)).isEqualTo("/home");
    }

    @Test
    void aValueThatIsNotHexFailsTheBatchNamingTableColumnAndLength() throws SQLException {
        List<SinkRecord> batch = List.of(pageviews.create(row(30, sha256("x"))),
                pageviews.create(row(31, sha256("y").substring(1))));

        assertThatThrownBy(() -> applier.apply(batch)).isInstanceOf(ApplyException.class)
                .hasMessageContaining("shop.pageviews.user_sig").hasMessageContaining("a value of length 63 is not hex text")
                .satisfies(e -> assertThat(((ApplyException) e).table()).isEqualTo(new TableId("shop", "pageviews")));
        applier.apply(List.of(pageviews.create(row(32, sha256("z")))));
        assertThat(query("SELECT id FROM pageviews WHERE id BETWEEN 30 AND 39")).extracting(r -> ((Number) r.get(0)).intValue())
                .containsExactly(32);
    }

    private static String row(int id, String sig) {
        return """
                {"pv_id": %d, "user_sig": "%s", "debug": "trace", "fee": "%s", "page": "/home"}"""
                .formatted(id, sig, decimal("12.34"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
