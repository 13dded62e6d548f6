package io.lagzero.sink.lag;

/**
 * How far the target is behind the source, in seconds, and where that time went. The three parts
 * add up to {@link #seconds()}: capture (source commit → Kafka), backlog (waiting in Kafka until the
 * sink fetched it) and apply (fetched → committed in the target, or still not committed).
 *
 * @param basis what the figure is measured on
 */
public record Lag(double seconds, double captureSeconds, double backlogSeconds, double applySeconds, Basis basis) {

    public enum Basis {
        /** The oldest change received and not yet committed in the target. */
        PENDING_CHANGE,
        /** Nothing pending: the newest heartbeat committed in the target. */
        HEARTBEAT,
        /**
         * Nothing pending: the newest binlog change committed in the target, newer than the newest
         * heartbeat (the source writes more often than the heartbeat interval).
         */
        APPLIED_CHANGE,
        /** Nothing pending and no heartbeat applied yet: time since the sink started. */
        SINCE_START,
        /**
         * Nothing pending, and this sink does not receive the heartbeat (a Kafka Connect task that
         * owns no partition of its topic): not known here, every figure is NaN.
         */
        UNKNOWN
    }

    /** Not known here: see {@link Basis#UNKNOWN}. */
    public static final Lag UNKNOWN = new Lag(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Basis.UNKNOWN);

    /** The part that holds the most time: where a stall is. */
    public Part largestPart() {
        if (applySeconds >= backlogSeconds && applySeconds >= captureSeconds) {
            return Part.APPLY;
        }
        return backlogSeconds >= captureSeconds ? Part.BACKLOG : Part.CAPTURE;
    }

    public enum Part { CAPTURE, BACKLOG, APPLY }
}
