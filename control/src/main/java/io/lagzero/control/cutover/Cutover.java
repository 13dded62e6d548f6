package io.lagzero.control.cutover;

import io.lagzero.connector.HeartbeatTable;
import io.lagzero.connector.JdbcConnections;
import io.lagzero.connector.SourcePreflight;
import io.lagzero.control.verify.Verifier;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.TableId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The switchover as a state machine: preflight → ready → frozen → drained → switched. Once the
 * source is frozen, anything that ends the cutover before "switched" — a failed check, an exhausted
 * downtime budget, an unexpected failure, an interrupt, SIGTERM — unfreezes it and ends in aborted
 * ({@link FrozenWindow}); after "switched" the source stays frozen and the application moves to the
 * target. A dry run freezes nothing, and compares row counts while writes go on ({@link RowCounts}).
 */
public final class Cutover {
    /** How the cutover ended; {@code frozenFor} is zero when the source was never frozen. */
    public record Outcome(CutoverState state, Duration frozenFor, String detail) {
        public int exitCode() {
            return state == CutoverState.SWITCHED || state == CutoverState.READY ? 0 : 1;
        }
    }

    /**
     * How much longer than {@code --max-lag-allowed} a dry run re-counts a table whose counts differ
     * before it calls the difference persistent: the writes in flight arrive within the lag.
     */
    static final Duration COUNTS_SETTLE = Duration.ofSeconds(2);

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
        try (Connection source = JdbcConnections.open("source", endpoints.sourceUrl(), endpoints.sourceUser(),
                        endpoints.sourcePassword());
                Connection target = JdbcConnections.open("target", endpoints.targetUrl(), endpoints.targetUser(),
                        endpoints.targetPassword())) {
            source.setAutoCommit(true);
            target.setAutoCommit(true);
            String qualifier = Dialects.of(target).currentQualifier(target);
            List<TableId> tables = applicationTables(source);
            transitions.enter(CutoverState.PREFLIGHT, tables.size() + " tables; writes will be frozen with " + freeze.describe());
            freeze.check();
            List<IdCounters.Counter> counters = IdCounters.read(source, tables);
            IdCounters.prepare(target, qualifier, counters);
            StringBuilder summary = new StringBuilder();
            List<String> unmet = new ArrayList<>(gates.unmet(tables, summary));
            if (plan.dryRun()) {
                unmet.addAll(new RowCounts(source, target, qualifier).persistentDifferences(tables,
                        plan.maxLag().plus(COUNTS_SETTLE), summary));
            }
            if (!unmet.isEmpty()) {
                return end(CutoverState.ABORTED, Duration.ZERO, "not ready: " + String.join("; ", unmet));
            }
            transitions.enter(CutoverState.READY, summary.toString());
            if (plan.dryRun()) {
                return new Outcome(CutoverState.READY, Duration.ZERO, "dry run: every check passed; nothing was frozen");
            }
            return frozen(source, target, qualifier, tables, counters);
        }
    }

    /** The selected tables; lagzero's own (heartbeat, signals), which change during the cutover, are never among them. */
    private List<TableId> applicationTables(Connection source) throws SQLException {
        return SourcePreflight.selectedTables(source, endpoints.tables());
    }

    private Outcome frozen(Connection source, Connection target, String qualifier, List<TableId> tables,
            List<IdCounters.Counter> counters) throws InterruptedException {
        return new FrozenWindow(freeze, transitions).run(window -> {
            CutoverFence fence = new CutoverFence(HeartbeatTable.in(tables.get(0).database()));
            fence.write(source);
            if (!fence.awaitInTarget(target, qualifier, window.remaining(plan.maxDowntime()))) {
                return window.abort("the fence did not reach the target within --max-downtime "
                        + plan.maxDowntime().toMillis() + " ms (is lagzero run replicating?)");
            }
            IdCounters.advance(target, qualifier, counters);
            String counts = new RowCounts(source, target, qualifier).requireEqual(tables);
            transitions.enter(CutoverState.DRAINED, "every write accepted before the freeze is in the target "
                    + "(fence after " + window.elapsed().toMillis() + " ms); " + counts + "; id counters moved past "
                    + "the source's on " + counters.size() + " tables");
            if (plan.hold() && !confirmed()) {
                return window.abort("the operator did not confirm");
            }
            if (!plan.hold() && window.elapsed().compareTo(plan.maxDowntime()) > 0) {
                return window.abort("the checks took " + window.elapsed().toMillis() + " ms, over --max-downtime "
                        + plan.maxDowntime().toMillis() + " ms");
            }
            return window.switched(String.format("switch now: point the application at the target. "
                    + "Writes were frozen for %.3f s; the source stays frozen", window.elapsed().toNanos() / 1e9));
        });
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

    private Outcome end(CutoverState state, Duration frozenFor, String detail) {
        transitions.enter(state, detail);
        return new Outcome(state, frozenFor, detail);
    }

    /** The frozen, drained target does not hold what the source holds. */
    static final class MismatchException extends RuntimeException {
        MismatchException(String message) {
            super(message);
        }
    }
}
