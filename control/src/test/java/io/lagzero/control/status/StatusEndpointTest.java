package io.lagzero.control.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.lagzero.control.Lagzero;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.sandbox.ServerDirs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code lagzero status --url}: any address form a user types, and every way a read fails, as one line, fast. */
class StatusEndpointTest {
    private static final String STATUS = """
            {"version":"t","state":"HEALTHY","reason":"ok: lag 0.2 s within budget 10.0 s","lagSeconds":0.2,
             "maxLagSeconds":10.0,"snapshotFinished":true,"backlogRecords":0,"dlqRecords":0,"tables":[]}""";

    private HttpServer server;
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/status", exchange -> answer(exchange, 200, STATUS));
        server.createContext("/broken/status", exchange -> answer(exchange, 500, "boom"));
        server.createContext("/html/status", exchange -> answer(exchange, 200, "<html>hello</html>"));
        server.createContext("/silent/status", exchange -> {
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
    }

    @Test
    void hostAndPortWithoutSchemeIsRead() {
        Result result = status("--url", "127.0.0.1:" + port());
        assertThat(result.code).as(result.err).isZero();
        assertThat(result.out).contains("HEALTHY");
    }

    @Test
    void anAddressWithATrailingSlashOrTheStatusPathIsReadToo() throws Exception {
        assertThat(StatusEndpoint.of("--url", "http://127.0.0.1:" + port() + "/").read().state())
                .isEqualTo(PipelineStatus.State.HEALTHY);
        assertThat(StatusEndpoint.of("--url", "http://127.0.0.1:" + port()).url().toString())
                .isEqualTo("http://127.0.0.1:" + port() + "/status");
    }

    @Test
    void aMalformedAddressNamesTheOptionAndAnExample() {
        for (String bad : new String[] {"http://", "ftp://host:21", "127.0.0.1:port", "http://h:1/?x=1", ""}) {
            Result result = status("--url", bad);
            assertThat(result.code).as(bad).isEqualTo(2);
            assertThat(result.err).as(bad).startsWith("lagzero: --url '" + bad + "' is not an HTTP address. Fix: give "
                    + "host:port or http://host:port, e.g. --url http://localhost:8484");
            assertOneLine(result);
        }
    }

    @Test
    void nothingListeningIsOneLineWithTheFixAndExitCodeTwoWithinSeconds() {
        int port = ServerDirs.freePort();
        long started = System.nanoTime();
        Result result = status("--url", "127.0.0.1:" + port);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.code).isEqualTo(2);
        assertThat(result.err.strip()).isEqualTo("lagzero: nothing answers at http://127.0.0.1:" + port
                + " (connection refused). Fix: start lagzero run, or give --url the address of its --http-port");
    }

    @Test
    void anHttpErrorANonStatusAnswerAndSilenceAreOneLineEach() {
        String base = "http://127.0.0.1:" + port();
        Result broken = status("--url", base + "/broken");
        assertThat(broken.err.strip()).isEqualTo("lagzero: " + base + "/broken/status answered HTTP 500. Fix: start "
                + "lagzero run, or give --url the address of its --http-port");
        Result html = status("--url", base + "/html");
        assertThat(html.err.strip()).isEqualTo("lagzero: " + base + "/html/status did not answer with lagzero run's "
                + "status JSON. Fix: give --url the address of lagzero run's --http-port");
        long started = System.nanoTime();
        Result silent = status("--url", base + "/silent");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        assertThat(silent.err.strip()).startsWith("lagzero: " + base + "/silent/status did not answer within 3 s. Fix:");
        for (Result result : new Result[] {broken, html, silent}) {
            assertThat(result.code).isEqualTo(2);
            assertOneLine(result);
        }
    }

    @Test
    void theKafkaConnectAddressIsParsedAndReadTheSameWay() {
        int port = ServerDirs.freePort();
        Result refused = status("--connect-url", "127.0.0.1:" + port, "--kafka", "127.0.0.1:1",
                "--target", "jdbc:postgresql://127.0.0.1:1/app", "--target-user", "u");
        assertThat(refused.code).isEqualTo(2);
        assertThat(refused.err.strip()).isEqualTo("lagzero: nothing answers at http://127.0.0.1:" + port
                + " (connection refused). Fix: start the Kafka Connect worker, or give --connect-url the address of "
                + "its REST API");
        Result malformed = status("--connect-url", "connect:rest");
        assertThat(malformed.code).isEqualTo(2);
        assertThat(malformed.err).startsWith("lagzero: --connect-url 'connect:rest' is not an HTTP address.");
        assertOneLine(malformed);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static void assertOneLine(Result result) {
        assertThat(result.err.strip()).doesNotContain("\n");
        assertThat(result.out).isEmpty();
    }

    private record Result(int code, String out, String err) {
    }

    private static Result status(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "status";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Lagzero.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
