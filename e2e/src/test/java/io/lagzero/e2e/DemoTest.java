package io.lagzero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.control.Lagzero;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code lagzero demo}, the newcomer's first command, passes on both targets. */
class DemoTest {
    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void theDemoReplicatesUnderLiveWritesAndProvesTheTargetIdentical(String target) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lagzero.execute(new String[] {"demo", "--rows", "30000", "--duration", "5s", "--target", target,
            "--writes-per-sec", "400"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(out.toString())
                .as("demo output; stderr:%n%s", err)
                .contains("seeded shopdemo: sites 300, pageviews 21,000, events 8,700")
                .contains("backfill copied: ")
                .contains("lagzero verify: OK — 3 tables match")
                .contains("lagzero cutover: ready — lag")
                .contains("lagzero cutover: switched — switch now")
                .contains("the source refused the writer's next write (read_only)")
                .contains("caught up in")
                .containsPattern("lagzero demo: OK — 3 tables identical after a cutover with writes frozen for \\d+\\.\\d{3} s"
                        + System.lineSeparator() + "$");
        assertThat(code).isZero();
    }
}
