package io.lagzero.sink.lag;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.sink.lag.ChangeTiming.SnapshotMark;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ChangeTimingTest {
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mariadb.Source")
            .field("ts_ms", Schema.INT64_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
            .field("db", Schema.STRING_SCHEMA).field("table", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema HEARTBEAT_ROW = SchemaBuilder.struct().optional()
            .field("pipeline", Schema.STRING_SCHEMA).field("beats", Schema.INT64_SCHEMA)
            .field("written_at_us", Schema.INT64_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct()
            .field("before", HEARTBEAT_ROW).field("after", HEARTBEAT_ROW).field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA).build();

    private static SinkRecord record(String table, String op, String snapshot, long tsMs, long writtenAtMicros) {
        Struct after = new Struct(HEARTBEAT_ROW).put("pipeline", "p").put("beats", 1L).put("written_at_us", writtenAtMicros);
        Struct source = new Struct(SOURCE).put("ts_ms", tsMs).put("snapshot", snapshot).put("db", "app").put("table", table);
        Struct value = new Struct(ENVELOPE).put("after", after).put("source", source).put("op", op);
        return new SinkRecord("lz.app." + table, 0, null, null, ENVELOPE, value, 7, 1_700_000_000_900L, TimestampType.CREATE_TIME);
    }

    @Test
    void aChangeIsTimedBySourceTsMs() {
        ChangeTiming timing = ChangeTiming.of(record("orders", "u", "false", 1_700_000_000_000L, 42)).orElseThrow();
        assertThat(timing).isEqualTo(new ChangeTiming("app.orders", 1_700_000_000_000_000L, 1_700_000_000_900L, false,
                SnapshotMark.STREAMING));
    }

    @Test
    void aHeartbeatIsTimedByItsOwnMicrosecondClock() {
        ChangeTiming timing = ChangeTiming.of(record("lagzero_heartbeat", "u", "false", 1_700_000_000_000L,
                1_700_000_000_123_456L)).orElseThrow();
        assertThat(timing.heartbeat()).isTrue();
        assertThat(timing.commitMicros()).isEqualTo(1_700_000_000_123_456L);
    }

    @Test
    void snapshotMarkersAreRead() {
        assertThat(ChangeTiming.of(record("t", "r", "true", 1, 0)).orElseThrow().snapshot()).isEqualTo(SnapshotMark.ROW);
        assertThat(ChangeTiming.of(record("t", "r", "last_in_data_collection", 1, 0)).orElseThrow().snapshot())
                .isEqualTo(SnapshotMark.LAST_OF_TABLE);
        assertThat(ChangeTiming.of(record("t", "r", "last", 1, 0)).orElseThrow().snapshot()).isEqualTo(SnapshotMark.LAST);
    }

    @Test
    void withoutASourceTimeTheKafkaTimestampStandsIn() {
        assertThat(ChangeTiming.of(record("orders", "u", "false", 0, 0)).orElseThrow().commitMicros())
                .isEqualTo(1_700_000_000_900_000L);
    }

    @Test
    void aTombstoneHasNoTiming() {
        assertThat(ChangeTiming.of(new SinkRecord("lz.app.t", 0, null, null, null, null, 1))).isEmpty();
    }
}
