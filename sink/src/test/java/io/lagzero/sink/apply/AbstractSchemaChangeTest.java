package io.lagzero.sink.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.naming.TableNameFormat;
import io.lagzero.sink.testing.DebeziumRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The DDL policy and NUL handling against a real target; each test writes its own target table. */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractSchemaChangeTest {
    private final DebeziumRecords notes = DebeziumRecords.forTable("notes");
    private final List<ChangeApplier> appliers = new ArrayList<>();
    protected DatabaseServer server;

    protected abstract DatabaseServer startServer();

    @BeforeAll
    void start() {
        server = startServer();
        server.createDatabase("app");
    }

    @AfterAll
    void stop() {
        appliers.forEach(ChangeApplier::close);
        if (server != null) {
            server.close();
        }
    }

    private ChangeApplier applier(String table, DdlPolicy ddlPolicy, NulHandling nulHandling) {
        ChangeApplier applier = new ChangeApplier(new TargetSettings(server.url("app"), server.user(), server.password(),
                100, 1, true, SchemaEvolution.BASIC, new TableNameFormat(table), null, ddlPolicy, nulHandling, null, null));
        appliers.add(applier);
        return applier;
    }

    private static String note(int id, String body) {
        return "{\"id\": " + id + ", \"body\": " + (body == null ? "null" : "\"" + body + "\"") + "}";
    }

    private DebeziumRecords bodyRetyped(String length) {
        return notes.altered(fields -> ((ObjectNode) field(fields, "body").get("parameters"))
                .put("__debezium.source.column.length", length));
    }

    private static JsonNode field(ArrayNode fields, String name) {
        for (JsonNode field : fields) {
            if (field.get("field").asText().equals(name)) {
                return field;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static void drop(ArrayNode fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("field").asText().equals(name)) {
                fields.remove(i);
                return;
            }
        }
    }

    @Test
    void retypedColumnStopsAfterApplyingEverythingBeforeIt() throws SQLException {
        ChangeApplier applier = applier("retyped", DdlPolicy.STOP, NulHandling.FAIL);
        applier.apply(List.of(notes.create(note(1, "a"))));

        assertThatThrownBy(() -> applier.apply(List.of(notes.create(note(2, "b")),
                bodyRetyped("1000").create(note(3, "c")), notes.create(note(4, "d")))))
                .isInstanceOf(SourceSchemaChangedException.class)
                .hasMessageStartingWith("Source table shop.notes changed: column body VARCHAR(255) became VARCHAR(1000).")
                .hasMessageContaining("Fix: change target table retyped to match")
                .satisfies(e -> assertThat(((SourceSchemaChangedException) e).table()).isEqualTo(new TableId("shop", "notes")));
        assertThat(bodies("retyped")).containsExactly(Map.entry(1, "a"), Map.entry(2, "b"));
    }

    @Test
    void droppedColumnStops() {
        ChangeApplier applier = applier("dropped", DdlPolicy.STOP, NulHandling.FAIL);
        applier.apply(List.of(notes.create(note(1, "a"))));

        assertThatThrownBy(() -> applier.apply(List.of(notes.altered(f -> drop(f, "body")).create("{\"id\": 2}"))))
                .isInstanceOf(SourceSchemaChangedException.class)
                .hasMessageContaining("column body was dropped or renamed");
    }

    @Test
    void anOlderShapeInAnotherPartitionIsNotADdl() throws SQLException {
        ChangeApplier applier = applier("partitions", DdlPolicy.STOP, NulHandling.FAIL);
        SinkRecord writtenBeforeTheAlter = inPartition(1, notes.create(note(2, "written before the ALTER")));
        DebeziumRecords added = notes.altered(fields -> fields.addObject().put("type", "string").put("optional", true)
                .put("field", "tag"));
        applier.apply(List.of(added.create("{\"id\": 1, \"body\": \"new shape\", \"tag\": \"t\"}")));
        applier.apply(List.of(writtenBeforeTheAlter));

        assertThat(bodies("partitions")).containsExactly(Map.entry(1, "new shape"), Map.entry(2, "written before the ALTER"));
        assertThatThrownBy(() -> applier.apply(List.of(notes.create(note(3, "written after the ALTER, tag gone")))))
                .isInstanceOf(SourceSchemaChangedException.class).hasMessageContaining("column tag was dropped");
    }

    private static SinkRecord inPartition(int partition, SinkRecord record) {
        return new SinkRecord(record.topic(), partition, record.keySchema(), record.key(), record.valueSchema(),
                record.value(), record.kafkaOffset());
    }

    @Test
    void ignorePolicyKeepsApplyingIntoTheTableAsItIs() throws SQLException {
        ChangeApplier applier = applier("ignored", DdlPolicy.IGNORE, NulHandling.FAIL);
        applier.apply(List.of(notes.create(note(1, "a"))));
        applier.apply(List.of(bodyRetyped("100").create(note(2, "b")), notes.altered(f -> drop(f, "body"))
                .update("{\"id\": 1}", "{\"id\": 1}")));

        assertThat(bodies("ignored")).containsExactly(Map.entry(1, "a"), Map.entry(2, "b"));
    }

    @Test
    void requiredTargetColumnTheRowsLackStopsEvenWithoutEarlierRecords() throws SQLException {
        server.execute("app", "CREATE TABLE required_gone (id INT NOT NULL PRIMARY KEY, body VARCHAR(255), "
                + "legacy INT NOT NULL, note VARCHAR(10) DEFAULT 'x')");

        assertThatThrownBy(() -> applier("required_gone", DdlPolicy.STOP, NulHandling.FAIL)
                .apply(List.of(notes.create(note(1, "a")))))
                .isInstanceOf(SourceSchemaChangedException.class)
                .hasMessageContaining("target column legacy is NOT NULL without a default")
                .hasMessageNotContaining("column note");
    }

    @Test
    void nulCharactersFollowTheConfiguredHandling() throws SQLException {
        String withNul = "a\\u0000b";
        if (server.url("app").startsWith("jdbc:postgresql")) {
            assertThatThrownBy(() -> applier("nul_fail", DdlPolicy.STOP, NulHandling.FAIL)
                    .apply(List.of(notes.create(note(1, withNul)))))
                    .isInstanceOf(ApplyException.class)
                    .hasMessageContaining("column body holds a NUL character")
                    .hasMessageContaining("key {id=1}");
            applier("nul_strip", DdlPolicy.STOP, NulHandling.STRIP).apply(List.of(notes.create(note(1, withNul))));
            applier("nul_replace", DdlPolicy.STOP, NulHandling.REPLACE).apply(List.of(notes.create(note(1, withNul))));

            assertThat(bodies("nul_strip")).containsExactly(Map.entry(1, "ab"));
            assertThat(bodies("nul_replace")).containsExactly(Map.entry(1, "a\uFFFDb"));
        } else {
            applier("nul_kept", DdlPolicy.STOP, NulHandling.FAIL).apply(List.of(notes.create(note(1, withNul))));

            assertThat(bodies("nul_kept")).containsExactly(Map.entry(1, "a\0b"));
        }
    }

    private Map<Integer, String> bodies(String table) throws SQLException {
        Map<Integer, String> bodies = new TreeMap<>();
        try (Connection connection = server.connect("app"); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id, body FROM " + table)) {
            while (rs.next()) {
                bodies.put(rs.getInt(1), rs.getString(2));
            }
        }
        return bodies;
    }
}
