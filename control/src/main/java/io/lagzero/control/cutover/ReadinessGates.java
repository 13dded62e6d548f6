package io.lagzero.control.cutover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lagzero.connector.TableId;
import io.lagzero.control.verify.LastCleanPass;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What must hold before the source is frozen: every table snapshotted, lag under the budget,
 * nothing in the dead-letter queue (from the running pipeline's {@code /status}), and a clean
 * verification of every table younger than its limit.
 */
final class ReadinessGates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CutoverPlan plan;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    ReadinessGates(CutoverPlan plan, Clock clock) {
        this.plan = plan;
        this.clock = clock;
    }

    /** Why the cutover may not start; empty when it may. The first line of the summary tells what was checked. */
    List<String> unmet(List<TableId> tables, StringBuilder summary) throws InterruptedException {
        List<String> unmet = new ArrayList<>();
        pipeline(unmet, summary);
        verification(tables, unmet, summary);
        return unmet;
    }

    private void pipeline(List<String> unmet, StringBuilder summary) throws InterruptedException {
        JsonNode status;
        try {
            status = status();
        } catch (IOException e) {
            unmet.add("the pipeline's status at " + plan.statusUrl() + " is unreadable (" + e.getMessage()
                    + "). Fix: give --status-url of the running lagzero run");
            return;
        }
        double lag = status.path("lagSeconds").asDouble(Double.NaN);
        long dlq = status.path("dlqRecords").asLong(-1);
        summary.append(String.format("lag %.1f s, dead-letter queue %d, snapshot %s", lag, dlq,
                status.path("snapshotFinished").asBoolean() ? "finished" : "running"));
        if ("failed".equalsIgnoreCase(status.path("state").asText())) {
            unmet.add("the pipeline failed: " + status.path("reason").asText());
        }
        if (!status.path("snapshotFinished").asBoolean()) {
            unmet.add("the initial snapshot is not finished");
        }
        if (!(lag <= plan.maxLag().toMillis() / 1000.0)) {
            unmet.add(String.format("lag is %.1f s, above --max-lag-allowed %d s", lag, plan.maxLag().toSeconds()));
        }
        if (dlq != 0) {
            unmet.add(dlq + " records are in the dead-letter queue. Fix: resolve them (lagzero verify --repair) first");
        }
    }

    private JsonNode status() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(plan.statusUrl().resolve("/status"))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private void verification(List<TableId> tables, List<String> unmet, StringBuilder summary) {
        Optional<LastCleanPass> pass = LastCleanPass.read(plan.verifyStateDir());
        if (pass.isEmpty()) {
            unmet.add("no clean verification in " + plan.verifyStateDir() + ". Fix: run lagzero verify (--state-dir)");
            return;
        }
        Duration age = Duration.between(pass.get().finishedAt(), clock.instant());
        summary.append(", verified clean ").append(age.toSeconds()).append(" s ago");
        if (age.compareTo(plan.verifyMaxAge()) > 0) {
            unmet.add("the last clean verification finished " + age.toSeconds() + " s ago, longer than --verify-max-age "
                    + plan.verifyMaxAge().toSeconds() + " s. Fix: run lagzero verify again");
        }
        List<String> missing = tables.stream().map(TableId::toString).filter(t -> !pass.get().tables().contains(t)).toList();
        if (!missing.isEmpty()) {
            unmet.add("the last clean verification did not cover " + String.join(", ", missing));
        }
    }
}
