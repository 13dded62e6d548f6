package io.lagzero.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SourceOffsetsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anOffsetTakenDuringTheSnapshotMeansTheSnapshotWillBeRedone() throws Exception {
        assertThat(SourceOffsets.stateOf(json.readTree("{\"file\":\"binlog.000001\",\"pos\":2098,\"snapshot\":true}")))
                .isEqualTo(SourceOffsets.State.SNAPSHOT_INCOMPLETE);
    }

    @Test
    void debezium3MarksTheSnapshotKind() throws Exception {
        assertThat(SourceOffsets.stateOf(json.readTree("{\"pos\":2098,\"snapshot\":\"INITIAL\",\"snapshot_completed\":false}")))
                .isEqualTo(SourceOffsets.State.SNAPSHOT_INCOMPLETE);
    }

    @Test
    void aCompletedSnapshotOrAStreamingOffsetResumesTheBinlog() throws Exception {
        assertThat(SourceOffsets.stateOf(json.readTree("{\"pos\":2098,\"snapshot\":true,\"snapshot_completed\":true}")))
                .isEqualTo(SourceOffsets.State.STREAMING);
        assertThat(SourceOffsets.stateOf(json.readTree("{\"file\":\"binlog.000001\",\"pos\":4000,\"gtids\":\"0-1-9\"}")))
                .isEqualTo(SourceOffsets.State.STREAMING);
    }

    @Test
    void noOffsetMeansAFirstSnapshot() {
        assertThat(SourceOffsets.stateOf(null)).isEqualTo(SourceOffsets.State.NONE);
    }
}
