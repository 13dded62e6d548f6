package io.lagzero.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** GETs from a running pipeline's HTTP endpoints, and the Prometheus text it serves. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

    public record Reply(int code, String body) {
    }

    private Http() {
    }

    public static Reply get(int port, String path) {
        return get(URI.create("http://localhost:" + port + path));
    }

    public static Reply get(URI uri) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sample names in a Prometheus text scrape. */
    public static Set<String> metricNames(String scrape) {
        return Arrays.stream(scrape.split("\n")).map(SAMPLE::matcher).filter(Matcher::find).map(m -> m.group(1))
                .collect(Collectors.toSet());
    }

    /**
     * The largest value of a metric over all its label sets whose labels contain {@code labelPart},
     * ignoring NaN (not known, as PromQL's max does).
     */
    public static double max(String scrape, String name, String labelPart) {
        return Arrays.stream(scrape.split("\n")).map(SAMPLE::matcher).filter(Matcher::find)
                .filter(m -> m.group(1).equals(name) && (m.group(2) == null ? "" : m.group(2)).contains(labelPart))
                .mapToDouble(m -> Double.parseDouble(m.group(3))).filter(v -> !Double.isNaN(v)).max()
                .orElseThrow(() -> new AssertionError("no sample of " + name + " {" + labelPart + "} in /metrics"));
    }
}
