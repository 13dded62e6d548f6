package io.lagzero.control.status;

import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.health.PipelineStatus.LagParts;
import io.lagzero.control.health.PipelineStatus.TableStatus;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Function;

/** {@code lagzero status} for people: a summary line and one row per table; {@code ?} where a figure is not known. */
final class StatusTable {
    private static final String ROW = "%-36s %-9s %8s %9s %9s %10s %8s %6s%n";

    private StatusTable() {
    }

    static void print(PipelineStatus status, PrintWriter out) {
        out.printf(Locale.ROOT, "lagzero %s: %s — %s%n", status.version(), status.state(), status.reason());
        out.printf(Locale.ROOT, "lag %s (budget %s): capture %s, backlog %s, apply %s; heartbeat %s old (every %s); "
                + "%d changes waiting in Kafka; %d in the dead-letter queue%n%n",
                seconds(status.lagSeconds()), seconds(status.maxLagSeconds()), part(status, LagParts::captureSeconds),
                part(status, LagParts::backlogSeconds), part(status, LagParts::applySeconds),
                seconds(status.heartbeatAgeSeconds()), seconds(status.heartbeatIntervalSeconds()), status.backlogRecords(),
                status.dlqRecords());
        out.printf(Locale.ROOT, ROW, "TABLE", "PHASE", "SNAPSHOT", "ETA", "LAG", "APPLIED/S", "BACKLOG", "DLQ");
        for (TableStatus table : status.tables()) {
            out.printf(Locale.ROOT, ROW, table.table(), table.phase() == null ? "?" : table.phase(),
                    table.snapshotProgress() == null ? "?" : String.format(Locale.ROOT, "%.0f %%", table.snapshotProgress() * 100),
                    seconds(table.etaSeconds()), seconds(table.lagSeconds()),
                    table.appliedPerSecond() == null ? "?" : String.format(Locale.ROOT, "%.1f", table.appliedPerSecond()),
                    table.backlogRecords(), table.dlqRecords() == null ? "?" : table.dlqRecords());
        }
    }

    private static String part(PipelineStatus status, Function<LagParts, Double> part) {
        return seconds(status.lagParts() == null ? null : part.apply(status.lagParts()));
    }

    private static String seconds(Double seconds) {
        if (seconds == null || seconds.isNaN()) {
            return "?";
        }
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
        }
        return seconds >= 100 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
