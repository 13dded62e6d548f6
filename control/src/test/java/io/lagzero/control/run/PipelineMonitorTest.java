package io.lagzero.control.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.health.PipelineStatus.State;
import io.lagzero.sink.lag.ChangeTiming;
import io.lagzero.sink.lag.ChangeTiming.SnapshotMark;
import io.lagzero.sink.lag.LagTracker;
import io.lagzero.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where /readyz and lagzero status say the pipeline stalls, on a clock the test moves. */
class PipelineMonitorTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicReference<String> pipelineFailure = new AtomicReference<>();
    private final AtomicReference<String> targetFailure = new AtomicReference<>();
    private final AtomicReference<String> heartbeatFailure = new AtomicReference<>();
    private final PipelineMonitor monitor = new PipelineMonitor(
            new MonitoringSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), 0), List.of("app.orders"),
            new SourceRowCounts(), new PipelineMonitor.Failures(() -> Optional.ofNullable(pipelineFailure.get()),
                    () -> Optional.ofNullable(targetFailure.get()), () -> Optional.ofNullable(heartbeatFailure.get())),
            clock);
    private final LagTracker tracker = monitor.tracker();

    @AfterEach
    void close() {
        monitor.close();
    }

    private ChangeTiming change(SnapshotMark mark, boolean heartbeat) {
        long micros = clock.micros();
        return new ChangeTiming(heartbeat ? "app.lagzero_heartbeat" : "app.orders", micros, micros / 1000, heartbeat, mark);
    }

    private void snapshotAndOneHeartbeatApplied() {
        tracker.applied(tracker.received(List.of(change(SnapshotMark.LAST, false), change(SnapshotMark.STREAMING, true))));
    }

    @Test
    void untilTheSnapshotIsCommittedThePipelineIsNotReady() {
        PipelineStatus status = monitor.status();
        assertThat(status.state()).isEqualTo(State.LAGGING);
        assertThat(status.reason()).startsWith("snapshot in progress: 0 of 1 tables copied");
        assertThat(status.tables()).singleElement().satisfies(t -> assertThat(t.phase()).isEqualTo("snapshot"));
    }

    @Test
    void withAFreshHeartbeatInTheTargetItIsHealthy() {
        snapshotAndOneHeartbeatApplied();
        clock.advance(Duration.ofMillis(800));
        PipelineStatus status = monitor.status();
        assertThat(status.state()).isEqualTo(State.HEALTHY);
        assertThat(status.reason()).isEqualTo("ok: lag 0.8 s within budget 3.0 s");
        assertThat(status.tables()).anySatisfy(t -> assertThat(t.phase()).isEqualTo("streaming"));
    }

    @Test
    void noNewHeartbeatMeansTheCaptureStallsOrTheSourceIsUnreachable() {
        snapshotAndOneHeartbeatApplied();
        clock.advance(Duration.ofSeconds(10));
        assertThat(monitor.status().reason()).isEqualTo(
                "source capture stalled: the newest heartbeat in the target is 10.0 s old; lag 10.0 s");
        heartbeatFailure.set("Connection refused");
        assertThat(monitor.status().reason()).isEqualTo(
                "source unreachable: cannot write heartbeats: Connection refused; lag 10.0 s");
    }

    @Test
    void aChangeFetchedButNotCommittedPointsAtTheTarget() {
        snapshotAndOneHeartbeatApplied();
        tracker.received(List.of(change(SnapshotMark.STREAMING, false)));
        clock.advance(Duration.ofSeconds(5));
        assertThat(monitor.status().reason()).isEqualTo(
                "apply to the target stalled: lag 5.0 s, of which 5.0 s since the sink fetched the change");
        targetFailure.set("Cannot use a target connection");
        PipelineStatus status = monitor.status();
        assertThat(status.state()).isEqualTo(State.LAGGING);
        assertThat(status.reason()).isEqualTo("target unreachable: Cannot use a target connection; lag 5.0 s");
        assertThat(status.lagParts().basis()).isEqualTo("PENDING_CHANGE");
    }

    @Test
    void aStoppedPipelineHasFailed() {
        snapshotAndOneHeartbeatApplied();
        pipelineFailure.set("the sink stopped");
        PipelineStatus status = monitor.status();
        assertThat(status.state()).isEqualTo(State.FAILED);
        assertThat(status.reason()).isEqualTo("pipeline stopped: the sink stopped");
        assertThat(monitor.registry().scrape()).contains("lagzero_pipeline_up 0.0");
    }
}
