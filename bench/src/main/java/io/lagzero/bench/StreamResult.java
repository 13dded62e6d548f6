package io.lagzero.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One streaming window of one sink: the rate asked for and written, what Debezium captured into
 * Kafka per second while the writer wrote, what the sink applied per second over the window and
 * its drain, and the lag.
 */
record StreamResult(int rate, double written, double capturedPerSecond, double appliedPerSecond, LagStats lag) {
    /** Kept up: wrote the rate, applied everything, p99 lag at most one second. */
    boolean keptUp() {
        return written >= 0.95 * rate && lag.unapplied() == 0 && lag.p99Millis() <= 1_000;
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rate", rate);
        json.put("written_per_sec", Math.round(written));
        json.put("captured_per_sec", Math.round(capturedPerSecond));
        json.put("applied_per_sec", Math.round(appliedPerSecond));
        json.put("lag_p50_ms", lag.p50Millis());
        json.put("lag_p99_ms", lag.p99Millis());
        json.put("lag_max_ms", lag.maxMillis());
        json.put("changes", lag.changes());
        json.put("unapplied", lag.unapplied());
        json.put("kept_up", keptUp());
        return json;
    }
}
