package io.lagzero.control.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.health.PipelineStatus.LagParts;
import io.lagzero.control.health.PipelineStatus.State;
import io.lagzero.control.health.PipelineStatus.TableStatus;
import io.lagzero.control.health.StatusJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTableTest {
    private static final PipelineStatus SNAPSHOTTING = new PipelineStatus("1.2.3", State.LAGGING,
            "snapshot in progress: 0 of 2 tables copied; lag 2.0 s", 2.0, 10.0,
            new LagParts(0.1, 0.2, 1.7, "PENDING_CHANGE"), 2.0, 5.0, false, 1500, 0, List.of(
                    new TableStatus("app.orders", "snapshot", 250_000L, 1_000_000L, 0.25, 75.0, 2.0, 10_000.0, 1500, 0L),
                    new TableStatus("app.items", "snapshot", 0L, null, null, null, 2.0, 0.0, 0, 0L)));

    @Test
    void theTableShowsPhaseProgressEtaLagAndRatePerTable() {
        StringWriter out = new StringWriter();
        StatusTable.print(SNAPSHOTTING, new PrintWriter(out, true));
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).isEqualTo("lagzero 1.2.3: LAGGING — snapshot in progress: 0 of 2 tables copied; lag 2.0 s");
        assertThat(lines[1]).contains("capture 0.1 s, backlog 0.2 s, apply 1.7 s").contains("1500 changes waiting in Kafka");
        assertThat(lines[3]).startsWith("TABLE").contains("SNAPSHOT").contains("ETA").contains("APPLIED/S");
        assertThat(lines[4]).startsWith("app.orders").contains("25 %").contains("75.0 s").contains("10000.0");
        assertThat(lines[5]).startsWith("app.items").contains(" ? ");
    }

    @Test
    void whatAConnectDeploymentDoesNotTellIsAQuestionMark() {
        PipelineStatus connect = new PipelineStatus("1.2.3", State.LAGGING, "connector not running: lagzero-sink is PAUSED",
                null, 10.0, null, null, 5.0, null, 99, 0, List.of(
                        new TableStatus("app.orders", null, null, null, null, null, null, null, 99, null)));
        StringWriter out = new StringWriter();
        StatusTable.print(connect, new PrintWriter(out, true));
        String[] lines = out.toString().split("\n");
        assertThat(lines[1]).startsWith("lag ? (budget 10.0 s): capture ?, backlog ?, apply ?; heartbeat ? old (every 5.0 s); "
                + "99 changes waiting in Kafka");
        assertThat(lines[4]).startsWith("app.orders").contains("       99      ?");
    }

    @Test
    void theJsonRoundTripsAndTheStateIsTheExitCode() throws Exception {
        String json = StatusJson.write(SNAPSHOTTING);
        assertThat(json).contains("\"state\" : \"LAGGING\"").contains("\"sourceRows\" : null");
        assertThat(StatusJson.read(json)).isEqualTo(SNAPSHOTTING);
        assertThat(State.HEALTHY.exitCode()).isZero();
        assertThat(State.LAGGING.exitCode()).isEqualTo(1);
        assertThat(State.FAILED.exitCode()).isEqualTo(2);
    }
}
