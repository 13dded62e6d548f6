package io.lagzero.control.run;

import io.lagzero.control.cli.UserError;
import java.time.Duration;

/**
 * How {@code lagzero run} proves and serves its lag: the heartbeat interval, the lag budget that
 * {@code /readyz} and {@code lagzero status} hold it to, and the HTTP port (0: any free port).
 */
public record MonitoringSettings(Duration heartbeatInterval, Duration maxLag, int httpPort) {
    /**
     * An idle pipeline's lag is the newest heartbeat's age, so it reaches one interval before the
     * next arrives: at 1 s it stays well under a cutover's default 5 s budget (at 5 s it crossed it).
     */
    public static final Duration HEARTBEAT_INTERVAL_DEFAULT = Duration.ofSeconds(1);
    public static final Duration MAX_LAG_DEFAULT = Duration.ofSeconds(10);
    public static final int HTTP_PORT_DEFAULT = 8484;

    /** Defaults, on any free port: for tests and the demo. */
    public static final MonitoringSettings ANY_PORT = new MonitoringSettings(HEARTBEAT_INTERVAL_DEFAULT, MAX_LAG_DEFAULT, 0);

    public MonitoringSettings {
        if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new UserError("--heartbeat-interval must be positive, got " + heartbeatInterval
                    + ". Fix: e.g. --heartbeat-interval 5s");
        }
        if (maxLag == null || maxLag.compareTo(heartbeatInterval) <= 0) {
            throw new UserError("--max-lag " + maxLag + " must be longer than --heartbeat-interval " + heartbeatInterval
                    + ", since an idle pipeline's lag reaches one heartbeat interval. Fix: e.g. --max-lag 10s --heartbeat-interval 5s");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new UserError("--http-port " + httpPort + " is out of range. Fix: use 1..65535, or 0 for any free port");
        }
    }
}
