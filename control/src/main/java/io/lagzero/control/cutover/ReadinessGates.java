package io.lagzero.control.cutover;

import io.lagzero.connector.TableId;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.status.StatusEndpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold before the source is frozen: every table snapshotted, lag under the budget,
 * nothing in the dead-letter queue (from the running pipeline's {@code /status}), and a newest
 * verification pass that is clean, covers every table and is younger than its limit.
 */
final class ReadinessGates {
    private final CutoverPlan plan;
    private final VerificationGate verification;

    ReadinessGates(CutoverPlan plan, Clock clock) {
        this.plan = plan;
        this.verification = new VerificationGate(plan.verifyStateDir(), plan.verifyMaxAge(), clock);
    }

    /** Why the cutover may not start; empty when it may. The first line of the summary tells what was checked. */
    List<String> unmet(List<TableId> tables, StringBuilder summary) throws InterruptedException {
        List<String> unmet = new ArrayList<>();
        pipeline(unmet, summary);
        unmet.addAll(verification.unmet(tables, summary));
        return unmet;
    }

    private void pipeline(List<String> unmet, StringBuilder summary) throws InterruptedException {
        PipelineStatus status;
        try {
            status = plan.statusUrl().read();
        } catch (StatusEndpoint.Unreadable e) {
            summary.append("pipeline status unread");
            unmet.add(e.getMessage());
            return;
        }
        double lag = status.lagSeconds() == null ? Double.NaN : status.lagSeconds();
        long dlq = status.dlqRecords();
        boolean snapshotFinished = Boolean.TRUE.equals(status.snapshotFinished());
        summary.append(String.format("lag %.1f s, dead-letter queue %d, snapshot %s", lag, dlq,
                snapshotFinished ? "finished" : "running"));
        if (status.state() == PipelineStatus.State.FAILED) {
            unmet.add("the pipeline failed: " + status.reason());
        }
        if (!snapshotFinished) {
            unmet.add("the initial snapshot is not finished");
        }
        if (!(lag <= plan.maxLag().toMillis() / 1000.0)) {
            unmet.add(String.format("lag is %.1f s, above --max-lag-allowed %d s", lag, plan.maxLag().toSeconds()));
        }
        if (dlq != 0) {
            unmet.add(dlq + " records are in the dead-letter queue. Fix: resolve them (lagzero verify --repair) first");
        }
    }
}
