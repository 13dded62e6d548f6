package io.lagzero.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class CommittableRecordsTest {
    private static final SourceRecord CHANGE = record(new ConnectHeaders());
    private static final SourceRecord KEY_CHANGE_DELETE = record(new ConnectHeaders().addInt(CommittableRecords.NEW_KEY, 2));
    private static final SourceRecord TOMBSTONE = record(new ConnectHeaders());
    private static final SourceRecord KEY_CHANGE_CREATE = record(new ConnectHeaders().addInt(CommittableRecords.OLD_KEY, 1));

    @Test
    void aBatchOfCompleteChangesCommitsEveryRecord() {
        assertThat(CommittableRecords.count(List.of(CHANGE, KEY_CHANGE_DELETE, TOMBSTONE, KEY_CHANGE_CREATE, CHANGE))).isEqualTo(5);
        assertThat(CommittableRecords.count(List.of())).isZero();
    }

    @Test
    void aBatchEndingInsideAKeyChangeCommitsOnlyUpToTheRecordBeforeIt() {
        assertThat(CommittableRecords.count(List.of(CHANGE, CHANGE, KEY_CHANGE_DELETE))).isEqualTo(2);
        assertThat(CommittableRecords.count(List.of(CHANGE, KEY_CHANGE_DELETE, TOMBSTONE))).isEqualTo(1);
        assertThat(CommittableRecords.count(List.of(KEY_CHANGE_DELETE))).isZero();
    }

    @Test
    void theNextBatchCompletesTheKeyChangeAndCommitsPastIt() {
        assertThat(CommittableRecords.count(List.of(TOMBSTONE, KEY_CHANGE_CREATE, CHANGE))).isEqualTo(3);
    }

    private static SourceRecord record(Headers headers) {
        return new SourceRecord(Map.of("server", "s"), Map.of("pos", 1), "t", null, Schema.INT32_SCHEMA, 1, Schema.INT32_SCHEMA,
                1, 0L, headers);
    }
}
