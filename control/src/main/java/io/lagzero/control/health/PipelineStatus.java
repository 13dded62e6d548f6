package io.lagzero.control.health;

import java.util.List;

/**
 * What {@code GET /status} answers and {@code lagzero status --json} prints (documented in
 * {@code docs/status.md}). Times are seconds; a null field is not known (yet), or not known from
 * where {@code lagzero status} reads a Kafka Connect deployment.
 *
 * @param state healthy, lagging or failed
 * @param reason one line: why the state is what it is, naming where a stall is
 * @param lagSeconds end-to-end lag, the largest of all tables
 * @param lagParts where the lag is: capture, backlog, apply
 * @param heartbeatAgeSeconds age of the newest heartbeat committed in the target
 * @param snapshotFinished whether the initial snapshot is committed in the target
 * @param backlogRecords change events waiting in Kafka for the sink
 * @param dlqRecords records sent to the dead-letter queue
 */
public record PipelineStatus(
        String version,
        State state,
        String reason,
        Double lagSeconds,
        double maxLagSeconds,
        LagParts lagParts,
        Double heartbeatAgeSeconds,
        Double heartbeatIntervalSeconds,
        Boolean snapshotFinished,
        long backlogRecords,
        long dlqRecords,
        List<TableStatus> tables) {

    public enum State {
        HEALTHY(0), LAGGING(1), FAILED(2);

        private final int exitCode;

        State(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The exit code of {@code lagzero status}. */
        public int exitCode() {
            return exitCode;
        }
    }

    /** @param basis PENDING_CHANGE, HEARTBEAT or SINCE_START: what the lag is measured on */
    public record LagParts(double captureSeconds, double backlogSeconds, double applySeconds, String basis) {
    }

    /**
     * @param phase snapshot or streaming
     * @param sourceRows rows in the source table when the pipeline started
     * @param snapshotProgress 0..1, snapshot rows committed in the target over {@code sourceRows}
     * @param etaSeconds expected time until the table's snapshot is committed, at the current rate
     * @param appliedPerSecond changes committed in the target per second, over the last 10 s
     */
    public record TableStatus(
            String table,
            String phase,
            Long snapshotRows,
            Long sourceRows,
            Double snapshotProgress,
            Double etaSeconds,
            Double lagSeconds,
            Double appliedPerSecond,
            long backlogRecords,
            Long dlqRecords) {
    }
}
