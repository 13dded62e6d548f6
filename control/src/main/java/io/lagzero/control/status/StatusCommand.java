package io.lagzero.control.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lagzero.connector.SetupException;
import io.lagzero.control.http.ControlServer;
import io.lagzero.control.run.DurationConverter;
import io.lagzero.control.run.EndpointOptions;
import io.lagzero.control.run.UsesEndpoints;
import io.lagzero.testkit.ConnectRest;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lagzero status}: how a running {@code lagzero run} is doing, from its {@code /status}
 * endpoint, or a Kafka Connect deployment, from the Connect REST API, Kafka and the target.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the lag, snapshot progress and throughput of a running 'lagzero run' (--url),",
            "or the connectors, Kafka backlog and heartbeat lag of a Kafka Connect deployment (--connect-url).",
            "Exit code: 0 healthy, 1 lagging (over --max-lag, still snapshotting, or a connector not running),",
            "2 failed or unreachable."})
public final class StatusCommand implements Callable<Integer>, UsesEndpoints {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8484",
            description = "Where 'lagzero run' serves HTTP (its --http-port) (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--json", description = "Print the status as JSON (see docs/status.md).")
    boolean json;

    @Option(names = "--connect-url", paramLabel = "URL",
            description = "Read a Kafka Connect deployment instead of 'lagzero run': the Connect REST API, e.g. "
                    + "http://connect:8083. Needs --kafka, --target and --target-user (password: LAGZERO_TARGET_PASSWORD).")
    String connectUrl;

    @Option(names = "--sink-connector", paramLabel = "NAME", defaultValue = "lagzero-sink",
            description = "With --connect-url: the lagzero sink connector; its consumer group is connect-NAME "
                    + "(default: ${DEFAULT-VALUE}).")
    String sinkConnector;

    @Option(names = "--source-connector", paramLabel = "NAME",
            description = "With --connect-url: Debezium's source connector, whose state counts too (e.g. lagzero-source).")
    String sourceConnector;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "With --connect-url: the Kafka cluster's bootstrap servers.")
    String kafka;

    @Option(names = "--max-lag", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "With --connect-url: lag above which the deployment is lagging (default: ${DEFAULT-VALUE}).")
    Duration maxLag;

    @Mixin
    EndpointOptions endpoints;

    @Spec
    CommandSpec spec;

    @Override
    public EndpointOptions endpoints() {
        return endpoints;
    }

    @Override
    public Integer call() throws JsonProcessingException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelineStatus status;
        try {
            status = connectUrl == null ? fetch() : connectDeployment().status(Clock.systemUTC());
        } catch (IOException | IllegalArgumentException e) {
            err.println(connectUrl == null
                    ? "lagzero status: cannot read " + statusUri() + ": " + e.getMessage()
                            + ". Fix: check that 'lagzero run' is running and that --url names its --http-port."
                    : "lagzero status: cannot read the Kafka Connect deployment: " + e.getMessage()
                            + ". Fix: check --connect-url, --kafka and --sink-connector.");
            return PipelineStatus.State.FAILED.exitCode();
        }
        if (json) {
            out.println(ControlServer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
        } else {
            StatusTable.print(status, out);
        }
        out.flush();
        return status.state().exitCode();
    }

    private ConnectDeployment connectDeployment() {
        if (kafka == null || kafka.isBlank()) {
            throw new SetupException("--kafka is missing. Fix: with --connect-url, give the Kafka cluster's bootstrap "
                    + "servers, e.g. --kafka kafka:9092");
        }
        return new ConnectDeployment(new ConnectRest(URI.create(connectUrl), ""), sinkConnector,
                Optional.ofNullable(sourceConnector), kafka, endpoints.targetUrl(), endpoints.targetUser(),
                endpoints.targetPassword(), maxLag);
    }

    private PipelineStatus fetch() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(statusUri()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + ": " + response.body().strip());
        }
        return ControlServer.JSON.readValue(response.body(), PipelineStatus.class);
    }

    private URI statusUri() {
        return URI.create(url.replaceAll("/+$", "") + "/status");
    }
}
