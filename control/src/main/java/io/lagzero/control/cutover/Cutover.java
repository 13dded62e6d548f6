package io.lagzero.control.cutover;

import io.lagzero.connector.JdbcConnections;
import io.lagzero.connector.SetupException;
import io.lagzero.connector.SourcePreflight;
import io.lagzero.connector.TableId;
import io.lagzero.connector.heartbeat.HeartbeatTable;
import io.lagzero.control.verify.SqlFlavor;
import io.lagzero.control.verify.Verifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The switchover as a state machine: preflight → ready → frozen → drained → switched. Once the
 * source is frozen, any failure or an exhausted downtime budget unfreezes it and ends in aborted;
 * after "switched" the source stays frozen and the application moves to the target.
 */
public final class Cutover {
    /** How the cutover ended; {@code frozenFor} is zero when the source was never frozen. */
    public record Outcome(CutoverState state, Duration frozenFor, String detail) {
        public int exitCode() {
            return state == CutoverState.SWITCHED || state == CutoverState.READY ? 0 : 1;
        }
    }

    private final CutoverPlan plan;
    private final Verifier.Endpoints endpoints;
    private final SourceFreeze freeze;
    private final Transitions transitions;
    private final ReadinessGates gates;
    private final BufferedReader operator;

    /**
     * @param out where each transition is printed
     * @param operator where {@code --hold} reads the operator's confirmation
     */
    public static Cutover of(CutoverPlan plan, Verifier.Endpoints endpoints, SourceFreeze freeze, PrintWriter out,
            BufferedReader operator) {
        Clock clock = Clock.systemUTC();
        return new Cutover(plan, endpoints, freeze, new Transitions(out, plan.webhook(), clock),
                new ReadinessGates(plan, clock), operator);
    }

    Cutover(CutoverPlan plan, Verifier.Endpoints endpoints, SourceFreeze freeze, Transitions transitions,
            ReadinessGates gates, BufferedReader operator) {
        this.plan = plan;
        this.endpoints = endpoints;
        this.freeze = freeze;
        this.transitions = transitions;
        this.gates = gates;
        this.operator = operator;
    }

    public Outcome run() throws SQLException, InterruptedException {
        SqlFlavor flavor = SqlFlavor.of(endpoints.targetUrl());
        try (Connection source = JdbcConnections.open("source", endpoints.sourceUrl(), endpoints.sourceUser(),
                        endpoints.sourcePassword());
                Connection target = JdbcConnections.open("target", endpoints.targetUrl(), endpoints.targetUser(),
                        endpoints.targetPassword())) {
            source.setAutoCommit(true);
            target.setAutoCommit(true);
            String qualifier = flavor.currentQualifier(target);
            List<TableId> tables = applicationTables(source);
            transitions.enter(CutoverState.PREFLIGHT, tables.size() + " tables; writes will be frozen with " + freeze.describe());
            freeze.check();
            List<IdCounters.Counter> counters = IdCounters.read(source, tables);
            IdCounters.prepare(target, flavor, qualifier, counters);
            StringBuilder summary = new StringBuilder();
            List<String> unmet = gates.unmet(tables, summary);
            if (!unmet.isEmpty()) {
                return end(CutoverState.ABORTED, Duration.ZERO, "not ready: " + String.join("; ", unmet));
            }
            transitions.enter(CutoverState.READY, summary.toString());
            if (plan.dryRun()) {
                return new Outcome(CutoverState.READY, Duration.ZERO, "dry run: every check passed; nothing was frozen");
            }
            return frozen(source, target, flavor, qualifier, tables, counters);
        }
    }

    /** The selected tables without lagzero's own (heartbeat, signals), which change during the cutover. */
    private List<TableId> applicationTables(Connection source) throws SQLException {
        List<TableId> tables = SourcePreflight.selectedTables(source, endpoints.tables()).stream()
                .filter(t -> !t.table().startsWith("lagzero_")).toList();
        if (tables.isEmpty()) {
            throw new SetupException("--tables selects no application table on the source. Fix: give the tables lagzero run replicates");
        }
        return tables;
    }

    private Outcome frozen(Connection source, Connection target, SqlFlavor flavor, String qualifier, List<TableId> tables,
            List<IdCounters.Counter> counters) throws InterruptedException {
        long frozenAt = System.nanoTime();
        try {
            freeze.freeze();
            transitions.enter(CutoverState.FROZEN, "writes frozen with " + freeze.describe());
            CutoverFence fence = new CutoverFence(HeartbeatTable.in(tables.get(0).database()));
            fence.write(source);
            if (!fence.awaitInTarget(target, flavor, qualifier, remaining(frozenAt))) {
                return abort(frozenAt, "the fence did not reach the target within --max-downtime "
                        + plan.maxDowntime().toMillis() + " ms (is lagzero run replicating?)");
            }
            IdCounters.advance(target, flavor, qualifier, counters);
            String counts = compareRowCounts(source, target, flavor, qualifier, tables);
            transitions.enter(CutoverState.DRAINED, "every write accepted before the freeze is in the target "
                    + "(fence after " + elapsed(frozenAt).toMillis() + " ms); " + counts + "; id counters moved past "
                    + "the source's on " + counters.size() + " tables");
            if (plan.hold() && !confirmed()) {
                return abort(frozenAt, "the operator did not confirm");
            }
            if (!plan.hold() && elapsed(frozenAt).compareTo(plan.maxDowntime()) > 0) {
                return abort(frozenAt, "the checks took " + elapsed(frozenAt).toMillis() + " ms, over --max-downtime "
                        + plan.maxDowntime().toMillis() + " ms");
            }
            Duration frozenFor = elapsed(frozenAt);
            return end(CutoverState.SWITCHED, frozenFor, String.format("switch now: point the application at the target. "
                    + "Writes were frozen for %.3f s; the source stays frozen", frozenFor.toNanos() / 1e9));
        } catch (SQLException | SetupException | MismatchException e) {
            return abort(frozenAt, e.getMessage());
        }
    }

    private String compareRowCounts(Connection source, Connection target, SqlFlavor flavor, String qualifier,
            List<TableId> tables) throws SQLException {
        long rows = 0;
        for (TableId table : tables) {
            long sourceRows = count(source, "`" + table.database() + "`.`" + table.table() + "`");
            long targetRows = count(target, flavor.qualified(qualifier, table.table()));
            if (sourceRows != targetRows) {
                throw new MismatchException(table + " has " + sourceRows + " rows on the source but " + targetRows
                        + " in the target");
            }
            rows += sourceRows;
        }
        return "row counts equal on " + tables.size() + " tables (" + rows + " rows)";
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean confirmed() {
        transitions.enter(CutoverState.DRAINED, "holding (--hold): writes stay frozen until you type 'switch' (or 'abort')");
        try {
            String line;
            while ((line = operator.readLine()) != null) {
                if (line.strip().equalsIgnoreCase("switch")) {
                    return true;
                }
                if (line.strip().equalsIgnoreCase("abort")) {
                    return false;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private Outcome abort(long frozenAt, String why) {
        String unfrozen;
        try {
            freeze.unfreeze();
            unfrozen = "writes unfrozen";
        } catch (SetupException e) {
            unfrozen = "UNFREEZING FAILED: " + e.getMessage();
        }
        return end(CutoverState.ABORTED, elapsed(frozenAt), why + "; " + unfrozen + " after "
                + elapsed(frozenAt).toMillis() + " ms");
    }

    private Outcome end(CutoverState state, Duration frozenFor, String detail) {
        transitions.enter(state, detail);
        return new Outcome(state, frozenFor, detail);
    }

    private Duration remaining(long frozenAt) {
        Duration left = plan.maxDowntime().minus(elapsed(frozenAt));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration elapsed(long since) {
        return Duration.ofNanos(System.nanoTime() - since);
    }

    /** The frozen, drained target does not hold what the source holds. */
    private static final class MismatchException extends RuntimeException {
        MismatchException(String message) {
            super(message);
        }
    }
}
