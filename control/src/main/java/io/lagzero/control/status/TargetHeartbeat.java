package io.lagzero.control.status;

import io.lagzero.connector.JdbcConnections;
import io.lagzero.connector.SetupException;
import io.lagzero.sink.lag.ChangeTiming;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The age of the newest heartbeat row committed in the target ({@value ChangeTiming#HEARTBEAT_TABLE}
 * in the target URL's database or schema): how far the target is behind the source's clock, even
 * on an idle source.
 *
 * @param ageSeconds now − the newest {@code written_at_us}; empty when there is none
 * @param problem why it could not be read, e.g. the table does not exist yet
 */
record TargetHeartbeat(Optional<Double> ageSeconds, Optional<String> problem) {
    static TargetHeartbeat read(String url, String user, String password, Clock clock) {
        String sql = "SELECT MAX(" + ChangeTiming.HEARTBEAT_WRITTEN_AT + ") FROM " + ChangeTiming.HEARTBEAT_TABLE;
        try (Connection c = JdbcConnections.open("target", url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            long newest = rs.next() ? rs.getLong(1) : 0;
            if (newest == 0) {
                return new TargetHeartbeat(Optional.empty(), Optional.of("no heartbeat row in the target yet"));
            }
            long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
            return new TargetHeartbeat(Optional.of(Math.max(0, now - newest) / 1e6), Optional.empty());
        } catch (SQLException | SetupException e) {
            return new TargetHeartbeat(Optional.empty(), Optional.of("cannot read the heartbeat in the target: " + e.getMessage()));
        }
    }
}
