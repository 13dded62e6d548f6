package io.lagzero.connectclient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of Kafka Connect's REST API, as {@code curl} would use it: create, change, validate,
 * pause, resume and delete connectors, read their status and config. Used by the test worker
 * (testkit's {@code ConnectWorker}) and by {@code lagzero status --connect-url}. Configs are sent, never
 * logged or put into exception messages (they hold passwords); error messages carry Connect's answer.
 */
public final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI rest;
    private final String hint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param rest the REST API, e.g. {@code http://connect:8083}
     * @param hint appended to the message of a failed call, e.g. where the worker's log is
     */
    public ConnectRest(URI rest, String hint) {
        this.rest = URI.create(rest.toString().replaceAll("/+$", "") + "/");
        this.hint = hint;
    }

    public URI url() {
        return rest;
    }

    /** Creates a connector as {@code curl -X POST /connectors} does; fails if it exists. */
    public void createConnector(String name, Map<String, String> config) {
        HttpResponse<String> response = call(request("connectors").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(Map.of("name", name, "config", config)))));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST connector " + name + " failed: " + response.statusCode() + " "
                    + response.body());
        }
    }

    /** Creates or updates a connector: {@code PUT /connectors/{name}/config}. */
    public void putConnector(String name, Map<String, String> config) {
        HttpResponse<String> response = call(connector(name, "/config").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(config))));
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT connector " + name + " failed: " + response.statusCode() + " "
                    + response.body());
        }
    }

    /**
     * Validates a connector config: {@code PUT /connector-plugins/{class}/config/validate}; returns
     * the error messages per key (empty when the config is valid).
     */
    public Map<String, List<String>> validate(String name, Map<String, String> config) {
        String plugin = config.get("connector.class");
        Map<String, String> named = new LinkedHashMap<>(config);
        named.put("name", name);
        HttpResponse<String> response = call(request("connector-plugins/" + encode(plugin) + "/config/validate")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(named))));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (JsonNode entry : read(response, "validate " + plugin).path("configs")) {
            List<String> messages = new ArrayList<>();
            entry.path("value").path("errors").forEach(m -> messages.add(m.asText()));
            if (!messages.isEmpty()) {
                errors.put(entry.path("value").path("name").asText(), messages);
            }
        }
        return errors;
    }

    public void deleteConnector(String name) {
        call(connector(name, "").DELETE());
    }

    /** {@code PUT /connectors/{name}/pause}: the connector and its tasks stop processing until resumed. */
    public void pause(String name) {
        expectAccepted(call(connector(name, "/pause").PUT(HttpRequest.BodyPublishers.noBody())), "pause " + name);
    }

    /** {@code PUT /connectors/{name}/resume}. */
    public void resume(String name) {
        expectAccepted(call(connector(name, "/resume").PUT(HttpRequest.BodyPublishers.noBody())), "resume " + name);
    }

    /** {@code GET /connectors/{name}/status}; a connector not (yet) known has state {@code UNKNOWN}. */
    public ConnectorStatus status(String name) {
        HttpResponse<String> response = call(connector(name, "/status").GET());
        if (response.statusCode() == 404) {
            return new ConnectorStatus(name, ConnectorStatus.UNKNOWN, "", List.of());
        }
        JsonNode status = read(response, "status of " + name);
        List<ConnectorStatus.Task> tasks = new ArrayList<>();
        for (JsonNode task : status.path("tasks")) {
            tasks.add(new ConnectorStatus.Task(task.path("id").asInt(), task.path("state").asText(),
                    task.path("trace").asText("")));
        }
        JsonNode connector = status.path("connector");
        return new ConnectorStatus(name, connector.path("state").asText(), connector.path("trace").asText(""),
                List.copyOf(tasks));
    }

    /** {@code GET /connectors/{name}/config}: the connector's settings, as registered. */
    public Map<String, String> config(String name) {
        Map<String, String> config = new LinkedHashMap<>();
        read(call(connector(name, "/config").GET()), "config of " + name).fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }

    /** Class names of the connector plugins the worker found: {@code GET /connector-plugins}. */
    public List<String> connectorPlugins() {
        List<String> classes = new ArrayList<>();
        read(call(request("connector-plugins").GET()), "connector plugins")
                .forEach(plugin -> classes.add(plugin.path("class").asText()));
        return classes;
    }

    /** Whether {@code GET /health} answers 200 (Kafka 3.9+); false while the worker is not reachable. */
    public boolean healthy() {
        try {
            return send(request("health").GET()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private HttpRequest.Builder connector(String name, String suffix) {
        return request("connectors/" + encode(name) + suffix);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(rest.resolve(path));
    }

    private HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return send(request);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka Connect REST call failed at " + rest + hint + ": " + e, e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void expectAccepted(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static JsonNode read(HttpResponse<String> response, String what) {
        expectAccepted(response, what);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": not JSON: " + response.body(), e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
