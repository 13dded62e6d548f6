package io.lagzero.control.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lagzero.control.cli.UserError;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.health.PipelineStatus.State;
import io.lagzero.control.health.PipelineView;
import io.lagzero.control.health.StatusJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code lagzero run}'s HTTP endpoints: {@code /metrics} (Prometheus text), {@code /healthz} (the
 * pipeline runs), {@code /readyz} (lag within budget; 503 names the stall) and {@code /status}
 * (JSON, read by {@code lagzero status}).
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "lagzero-http");
        thread.setDaemon(true);
        return thread;
    });
    private final PipelineView pipeline;

    private ControlServer(HttpServer server, PipelineView pipeline) {
        this.server = server;
        this.pipeline = pipeline;
    }

    /** Listens on {@code port} (0: any free port) on all interfaces. */
    public static ControlServer start(int port, PipelineView pipeline) {
        try {
            ControlServer control = new ControlServer(HttpServer.create(new InetSocketAddress(port), 0), pipeline);
            control.route();
            control.server.setExecutor(control.executor);
            control.server.start();
            LOG.info("Serving /metrics, /healthz, /readyz and /status on http://localhost:{}/", control.port());
            return control;
        } catch (IOException e) {
            throw new UserError("Cannot listen on --http-port " + port + ": " + e.getMessage()
                    + ". Fix: choose a free port, or 0 for any", e);
        }
    }

    private record Response(int code, String contentType, String body) {
        static Response text(int code, String body) {
            return new Response(code, "text/plain; charset=utf-8", body + "\n");
        }
    }

    private interface Handler {
        Response handle() throws IOException;
    }

    private void route() {
        on("/metrics", () -> new Response(200, "text/plain; version=0.0.4; charset=utf-8", pipeline.prometheusText()));
        on("/healthz", () -> {
            PipelineStatus status = pipeline.status();
            return status.state() == State.FAILED ? Response.text(503, status.reason()) : Response.text(200, "ok");
        });
        on("/readyz", () -> {
            PipelineStatus status = pipeline.status();
            return Response.text(status.state() == State.HEALTHY ? 200 : 503, status.reason());
        });
        on("/status", () -> new Response(200, "application/json",
                StatusJson.write(pipeline.status())));
    }

    private void on(String path, Handler handler) {
        server.createContext(path, exchange -> {
            Response response;
            try {
                response = handler.handle();
            } catch (IOException | RuntimeException e) {
                LOG.warn("{} {} failed: {}", exchange.getRequestMethod(), path, e.getMessage(), e);
                response = Response.text(500, "internal error: " + e.getMessage());
            }
            respond(exchange, response);
        });
    }

    private static void respond(HttpExchange exchange, Response response) throws IOException {
        try (exchange) {
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.code(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
