package io.lagzero.sink.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.sink.testing.DebeziumRecords;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** {@link ChangeTiming#endsSnapshot}: when a table's snapshot records have all been sent. */
class SnapshotEndTest {
    private static final String NOTE = "{\"id\": 1, \"body\": \"x\"}";
    private final DebeziumRecords notes = DebeziumRecords.forTable("notes");

    @Test
    void snapshotRecordsBeforeTheTablesLastDoNotEndIt() {
        assertThat(ChangeTiming.endsSnapshot(notes.snapshot(NOTE))).isFalse();
        assertThat(ChangeTiming.endsSnapshot(notes.snapshotLast(NOTE))).isTrue();
    }

    @Test
    void changesAfterTheSnapshotEndIt() {
        assertThat(ChangeTiming.endsSnapshot(notes.create(NOTE))).isTrue();
        assertThat(ChangeTiming.endsSnapshot(notes.delete(NOTE))).isTrue();
    }

    @Test
    void aFlattenedRowWithoutMarkerCountsAsEnded() {
        Schema schema = SchemaBuilder.struct().name("lz.shop.notes.Value").field("id", Schema.INT32_SCHEMA).build();
        SinkRecord row = new SinkRecord("lz.shop.notes", 0, null, null, schema, new Struct(schema).put("id", 1), 0);

        assertThat(ChangeTiming.endsSnapshot(row)).isTrue();
    }
}
