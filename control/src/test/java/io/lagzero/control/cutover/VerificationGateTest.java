package io.lagzero.control.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.control.verify.VerifyResults;
import io.lagzero.sink.event.TableId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cutover's verification gate: the newest finished pass decides, clean or not. */
class VerificationGateTest {
    private static final Instant FINISHED = Instant.parse("2026-01-01T10:00:00Z");
    private static final List<TableId> TABLES = List.of(new TableId("app", "items"), new TableId("app", "users"));

    @TempDir
    Path stateDir;

    @Test
    void aPassWithDifferencesAfterACleanOneIsNotReadyAndSaysHowToFixIt() {
        VerifyResults.recordPass(stateDir, FINISHED.minusSeconds(600), VerifyResults.match("app.items", 1030),
                VerifyResults.match("app.users", 10));
        VerifyResults.recordPass(stateDir, FINISHED, VerifyResults.missing("app.items", 1030, 1),
                VerifyResults.match("app.users", 10));
        StringBuilder summary = new StringBuilder();

        List<String> unmet = gate(45).unmet(TABLES, summary);

        assertThat(unmet).containsExactly("the last verification (45 s ago) found differences in app.items. "
                + "Fix: repair them (lagzero verify --repair) and verify again");
        assertThat(summary.toString()).doesNotContain("verified clean");
    }

    @Test
    void aCleanRecentPassOverEveryTableIsReady() {
        VerifyResults.recordPass(stateDir, FINISHED, VerifyResults.match("app.items", 1030),
                VerifyResults.match("app.users", 10));
        StringBuilder summary = new StringBuilder();

        assertThat(gate(45).unmet(TABLES, summary)).isEmpty();
        assertThat(summary.toString()).isEqualTo(", verified clean 45 s ago");
    }

    @Test
    void aStaleAPartialOrAnUncomparedPassIsNotReady() {
        VerifyResults.recordPass(stateDir, FINISHED, VerifyResults.match("app.items", 1030));
        assertThat(gate(7200).unmet(TABLES, new StringBuilder())).containsExactly(
                "the last verification finished 7200 s ago, longer than --verify-max-age 3600 s. Fix: run lagzero verify again",
                "the last verification did not cover app.users. Fix: run lagzero verify with --tables covering every "
                        + "replicated table");

        VerifyResults.recordPass(stateDir, FINISHED, VerifyResults.match("app.items", 1030),
                VerifyResults.problem("app.users", "the target table public.users does not exist"));
        assertThat(gate(5).unmet(TABLES, new StringBuilder())).containsExactly("the last verification (5 s ago) could "
                + "not compare app.users. Fix: see lagzero verify's output for why, then verify again");
    }

    @Test
    void noPassIsNotReady() {
        assertThat(gate(0).unmet(TABLES, new StringBuilder())).containsExactly("no finished verification in " + stateDir
                + ". Fix: run lagzero verify --state-dir " + stateDir);
    }

    private VerificationGate gate(long secondsAfterThePass) {
        return new VerificationGate(stateDir, Duration.ofHours(1),
                Clock.fixed(FINISHED.plusSeconds(secondsAfterThePass), ZoneOffset.UTC));
    }
}
