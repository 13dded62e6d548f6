package io.lagzero.sink.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lagzero.sink.lag.ChangeTiming.SnapshotMark;
import io.lagzero.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagTrackerTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LagTracker tracker = new LagTracker(clock);

    /** A change committed {@code agoMillis} before now that reached Kafka {@code captureMillis} later. */
    private ChangeTiming change(String table, long agoMillis, long captureMillis) {
        long commit = clock.micros() - agoMillis * 1000;
        return new ChangeTiming(table, commit, commit / 1000 + captureMillis, false, SnapshotMark.STREAMING);
    }

    private ChangeTiming heartbeat(long agoMillis, long captureMillis) {
        long commit = clock.micros() - agoMillis * 1000;
        return new ChangeTiming("app.lagzero_heartbeat", commit, commit / 1000 + captureMillis, true, SnapshotMark.STREAMING);
    }

    @Test
    void beforeAnyHeartbeatTheLagIsTheTimeSinceStart() {
        clock.advance(Duration.ofSeconds(7));
        Lag lag = tracker.lag();
        assertThat(lag.seconds()).isEqualTo(7.0);
        assertThat(lag.basis()).isEqualTo(Lag.Basis.SINCE_START);
        assertThat(tracker.lag("app.orders").seconds()).isEqualTo(7.0);
    }

    @Test
    void withoutTheHeartbeatTopicAnIdleLagIsNotKnownButAPendingChangeStillCounts() {
        tracker.receivesHeartbeats(false);
        tracker.applied(tracker.received(List.of(heartbeat(300, 100))));
        clock.advance(Duration.ofSeconds(7));
        assertThat(tracker.lag().basis()).isEqualTo(Lag.Basis.UNKNOWN);
        assertThat(tracker.lag("app.orders").seconds()).isNaN();
        assertThat(tracker.heartbeatAgeSeconds()).isNaN();

        tracker.received(List.of(change("app.orders", 2000, 100)));
        assertThat(tracker.lag("app.orders").seconds()).isCloseTo(2.0, within(1e-9));
        tracker.receivesHeartbeats(true);
        assertThat(tracker.heartbeatAgeSeconds()).isCloseTo(7.3, within(1e-9));
    }

    @Test
    void aPendingChangeCountsFromItsSourceCommitAndSplitsIntoCaptureBacklogAndApply() {
        ReceivedBatch batch = tracker.received(List.of(change("app.orders", 500, 200), change("app.orders", 100, 50)));
        clock.advance(Duration.ofMillis(2500));

        Lag lag = tracker.lag();
        assertThat(lag.basis()).isEqualTo(Lag.Basis.PENDING_CHANGE);
        assertThat(lag.seconds()).isCloseTo(3.0, within(1e-9));
        assertThat(lag.captureSeconds()).isCloseTo(0.2, within(1e-9));
        assertThat(lag.backlogSeconds()).isCloseTo(0.3, within(1e-9));
        assertThat(lag.applySeconds()).isCloseTo(2.5, within(1e-9));
        assertThat(lag.largestPart()).isEqualTo(Lag.Part.APPLY);

        clock.advance(Duration.ofSeconds(10));
        assertThat(tracker.lag().seconds()).as("a stalled apply grows without bound").isCloseTo(13.0, within(1e-9));
        assertThat(tracker.newestAppliedCommitMicros("app.orders")).isZero();
        tracker.applied(batch);
        assertThat(tracker.newestAppliedCommitMicros("app.orders")).isEqualTo(clock.micros() - 12_600_000);
        assertThat(tracker.lag().basis()).isEqualTo(Lag.Basis.APPLIED_CHANGE);
        assertThat(tracker.lag().seconds()).isCloseTo(12.6, within(1e-9));
    }

    @Test
    void withNothingPendingTheLagIsTheAgeOfTheNewestAppliedHeartbeat() {
        ReceivedBatch batch = tracker.received(List.of(heartbeat(300, 100), heartbeat(1300, 100), change("app.orders", 900, 10)));
        clock.advance(Duration.ofMillis(200));
        tracker.applied(batch);

        Lag lag = tracker.lag();
        assertThat(lag.basis()).isEqualTo(Lag.Basis.HEARTBEAT);
        assertThat(lag.seconds()).isCloseTo(0.5, within(1e-9));
        assertThat(lag.backlogSeconds()).isCloseTo(0.2, within(1e-9));
        assertThat(lag.applySeconds()).isCloseTo(0.2, within(1e-9));
        assertThat(lag.captureSeconds()).isCloseTo(0.1, within(1e-9));
        assertThat(tracker.heartbeatAgeSeconds()).isCloseTo(0.5, within(1e-9));

        clock.advance(Duration.ofSeconds(20));
        assertThat(tracker.lag().seconds()).as("no newer heartbeat arrives: lag keeps growing").isCloseTo(20.5, within(1e-9));
        assertThat(tracker.lag().largestPart()).isEqualTo(Lag.Part.CAPTURE);
    }

    @Test
    void whileTheSourceWritesSteadilyTheNewestAppliedChangeIsFresherThanTheHeartbeat() {
        tracker.applied(tracker.received(List.of(heartbeat(4000, 10), change("app.orders", 300, 100))));
        Lag lag = tracker.lag();
        assertThat(lag.basis()).isEqualTo(Lag.Basis.APPLIED_CHANGE);
        assertThat(lag.seconds()).isCloseTo(0.3, within(1e-9));
        assertThat(lag.captureSeconds()).isCloseTo(0.1, within(1e-9));
        assertThat(tracker.heartbeatAgeSeconds()).as("the heartbeat's own age is still reported").isCloseTo(4.0, within(1e-9));

        tracker.applied(tracker.received(List.of(change("app.orders", 2000, 10))));
        assertThat(tracker.lag().seconds()).as("an older change applied later").isCloseTo(0.3, within(1e-9));
    }

    @Test
    void snapshotRowsDoNotStandInForTheHeartbeat() {
        clock.advance(Duration.ofSeconds(30));
        tracker.applied(tracker.received(List.of(new ChangeTiming("app.orders", clock.micros(), 0, false, SnapshotMark.ROW))));
        assertThat(tracker.lag().basis()).as("a snapshot row has a read time, not a commit time").isEqualTo(Lag.Basis.SINCE_START);
        assertThat(tracker.lag().seconds()).isEqualTo(30.0);
    }

    @Test
    void anOlderHeartbeatAppliedLaterDoesNotMakeTheLagLookOlder() {
        tracker.applied(tracker.received(List.of(heartbeat(100, 10))));
        tracker.applied(tracker.received(List.of(heartbeat(900, 10))));
        assertThat(tracker.lag().seconds()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void eachTableHasItsOwnLagWhileItHasPendingChanges() {
        tracker.applied(tracker.received(List.of(heartbeat(1000, 10))));
        tracker.received(List.of(change("app.orders", 4000, 10)));

        assertThat(tracker.lag("app.orders").seconds()).isCloseTo(4.0, within(1e-9));
        assertThat(tracker.lag("app.customers").seconds()).isCloseTo(1.0, within(1e-9));
        assertThat(tracker.lag().seconds()).as("overall: the oldest pending change").isCloseTo(4.0, within(1e-9));
    }

    @Test
    void theHeartbeatTableIsNotAReplicatedTable() {
        tracker.expect(List.of("app.orders"));
        tracker.applied(tracker.received(List.of(heartbeat(100, 10), change("app.orders", 50, 10))));
        assertThat(tracker.tables()).containsExactly("app.orders");
    }

    @Test
    void aDroppedBatchIsNoLongerPending() {
        ReceivedBatch batch = tracker.received(List.of(change("app.orders", 4000, 10)));
        tracker.dropped(batch);
        assertThat(tracker.lag().basis()).isEqualTo(Lag.Basis.SINCE_START);
        assertThat(tracker.appliedChanges("app.orders")).isZero();
    }

    @Test
    void snapshotRowsCountOnceCommittedAndTheLastRowOfATableFinishesIt() {
        long commit = clock.micros();
        ChangeTiming row = new ChangeTiming("app.orders", commit, 0, false, SnapshotMark.ROW);
        ChangeTiming lastOfOrders = new ChangeTiming("app.orders", commit, 0, false, SnapshotMark.LAST_OF_TABLE);
        ChangeTiming lastOfAll = new ChangeTiming("app.items", commit, 0, false, SnapshotMark.LAST);

        ReceivedBatch first = tracker.received(List.of(row, row));
        assertThat(tracker.snapshotRows("app.orders")).isZero();
        tracker.applied(first);
        assertThat(tracker.snapshotRows("app.orders")).isEqualTo(2);
        assertThat(tracker.snapshotDone("app.orders")).isFalse();

        tracker.applied(tracker.received(List.of(lastOfOrders)));
        assertThat(tracker.snapshotRows("app.orders")).isEqualTo(3);
        assertThat(tracker.snapshotDone("app.orders")).isTrue();
        assertThat(tracker.snapshotFinished()).isFalse();
        assertThat(tracker.snapshotDone("app.empty")).isFalse();

        tracker.applied(tracker.received(List.of(lastOfAll)));
        assertThat(tracker.snapshotFinished()).isTrue();
        assertThat(tracker.snapshotDone("app.empty")).as("a table without rows is done with the whole snapshot").isTrue();
    }

    @Test
    void backlogIsKeptPerTable() {
        tracker.backlog("app.orders", 120);
        tracker.backlog("app.items", 3);
        assertThat(tracker.backlogRecords("app.orders")).isEqualTo(120);
        assertThat(tracker.backlogRecords()).isEqualTo(123);
    }
}
