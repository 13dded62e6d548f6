package io.lagzero.control.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lagzero.connectclient.ConnectRest;
import io.lagzero.control.cli.DurationConverter;
import io.lagzero.control.cli.EndpointOptions;
import io.lagzero.control.cli.UserError;
import io.lagzero.control.cli.UsesEndpoints;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.health.StatusJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
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
        PipelineStatus status = connectUrl == null ? pipelineStatus() : connectDeploymentStatus();
        if (json) {
            out.println(StatusJson.write(status));
        } else {
            StatusTable.print(status, out);
        }
        out.flush();
        return status.state().exitCode();
    }

    /** {@code lagzero run}'s /status; unreachable is a one-line error with exit code 2, like failed. */
    private PipelineStatus pipelineStatus() throws InterruptedException {
        try {
            return StatusEndpoint.of("--url", url).read();
        } catch (StatusEndpoint.Unreadable e) {
            throw new UserError(e.getMessage());
        }
    }

    private PipelineStatus connectDeploymentStatus() throws InterruptedException {
        URI rest = HttpAddress.parse("--connect-url", connectUrl, "http://connect:8083");
        ConnectDeployment deployment = connectDeployment(rest);
        try {
            HttpGet.body(rest);
        } catch (HttpGet.Failed e) {
            throw new UserError(e.getMessage() + ". Fix: start the Kafka Connect worker, or give --connect-url "
                    + "the address of its REST API");
        }
        try {
            return deployment.status(Clock.systemUTC());
        } catch (IOException e) {
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UserError("cannot read the Kafka Connect deployment at " + rest + ": "
                    + detail.lines().findFirst().orElse("") + ". Fix: check --connect-url, --kafka and --sink-connector");
        }
    }

    private ConnectDeployment connectDeployment(URI rest) {
        if (kafka == null || kafka.isBlank()) {
            throw new UserError("--kafka is missing. Fix: with --connect-url, give the Kafka cluster's bootstrap "
                    + "servers, e.g. --kafka kafka:9092");
        }
        return new ConnectDeployment(new ConnectRest(rest, ""), sinkConnector,
                Optional.ofNullable(sourceConnector), kafka, endpoints.targetUrl(), endpoints.targetUser(),
                endpoints.targetPassword(), maxLag);
    }
}
