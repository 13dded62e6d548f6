package io.lagzero.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.bench.ChangeWriter.Commit;
import io.lagzero.bench.LagProbe.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagStatsTest {
    @Test
    void eachCommitIsTimedToTheFirstSampleAfterItThatShowsItsSeq() {
        List<Commit> commits = List.of(new Commit(10, 1_000, 10), new Commit(20, 1_010, 10), new Commit(30, 1_020, 80));
        List<Sample> samples = List.of(new Sample(1_005, 10), new Sample(1_030, 20), new Sample(1_100, 35));

        LagStats lag = LagStats.of(commits, samples, 2_000);

        assertThat(lag.changes()).isEqualTo(100);
        assertThat(lag.unapplied()).isZero();
        // 10 changes at 5 ms, 10 at 20 ms, 80 at 80 ms
        assertThat(lag.p50Millis()).isEqualTo(80);
        assertThat(lag.p99Millis()).isEqualTo(80);
        assertThat(lag.maxMillis()).isEqualTo(80);
    }

    @Test
    void aSampleTakenBeforeTheCommitReturnedDoesNotCount() {
        List<Commit> commits = List.of(new Commit(10, 1_000, 1));
        List<Sample> samples = List.of(new Sample(999, 10), new Sample(1_040, 10));

        assertThat(LagStats.of(commits, samples, 2_000).maxMillis()).isEqualTo(40);
    }

    @Test
    void changesNeverShownCountWithTheirAgeAtTheEndAndAreReportedUnapplied() {
        List<Commit> commits = List.of(new Commit(10, 1_000, 99), new Commit(20, 1_500, 1));
        List<Sample> samples = List.of(new Sample(1_020, 10));

        LagStats lag = LagStats.of(commits, samples, 3_000);

        assertThat(lag.unapplied()).isEqualTo(1);
        assertThat(lag.p50Millis()).isEqualTo(20);
        assertThat(lag.p99Millis()).isEqualTo(20);
        assertThat(lag.maxMillis()).isEqualTo(1_500);
    }
}
