package io.lagzero.control.cutover;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.control.status.StatusEndpoint;
import io.lagzero.sandbox.ServerDirs;
import io.lagzero.sink.event.TableId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cutover reads the pipeline's status like {@code lagzero status}: one line, within seconds. */
class ReadinessGatesTest {
    @TempDir
    Path stateDir;

    @Test
    void anUnreachableStatusUrlIsOneLineWithTheFixWithinSeconds() throws Exception {
        int port = ServerDirs.freePort();
        CutoverPlan plan = new CutoverPlan(StatusEndpoint.of("--status-url", "127.0.0.1:" + port), stateDir,
                Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofSeconds(10), null, true, false);
        long started = System.nanoTime();

        List<String> unmet = new ReadinessGates(plan, Clock.systemUTC()).unmet(List.of(new TableId("app", "items")),
                new StringBuilder());

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(unmet).first().isEqualTo("nothing answers at http://127.0.0.1:" + port + " (connection refused). "
                + "Fix: start lagzero run, or give --status-url the address of its --http-port");
    }
}
