package io.lagzero.control.cutover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces each cutover transition: a line on the console, the log, and, when a webhook is
 * given, a JSON POST ({@code {"state", "at", "detail"}}). A webhook that fails is logged, never fatal.
 */
final class Transitions {
    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintWriter out;
    private final URI webhook;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Transitions(PrintWriter out, URI webhook, Clock clock) {
        this.out = out;
        this.webhook = webhook;
        this.clock = clock;
    }

    void enter(CutoverState state, String detail) {
        out.println("lagzero cutover: " + state.label() + " — " + detail);
        out.flush();
        LOG.info("Cutover {}: {}", state.label(), detail);
        if (webhook != null) {
            post(state, detail);
        }
    }

    private void post(CutoverState state, String detail) {
        ObjectNode body = JSON.createObjectNode().put("state", state.label()).put("at", clock.instant().toString())
                .put("detail", detail);
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(2))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                LOG.warn("The cutover webhook answered {} to the {} transition", response.statusCode(), state.label());
            }
        } catch (java.io.IOException e) {
            LOG.warn("Cannot post the {} transition to the cutover webhook: {}", state.label(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
