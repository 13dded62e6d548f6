package io.lagzero.control.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lagzero.control.http.ControlServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lagzero status}: how a running {@code lagzero run} is doing, from its {@code /status} endpoint. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows the lag, snapshot progress and throughput of a running 'lagzero run'.",
            "Exit code: 0 healthy, 1 lagging (over --max-lag, or still snapshotting), 2 failed or unreachable."})
public final class StatusCommand implements Callable<Integer> {
    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8484",
            description = "Where 'lagzero run' serves HTTP (its --http-port) (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--json", description = "Print the status as JSON (see docs/status.md).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PipelineStatus status;
        try {
            status = fetch();
        } catch (IOException | IllegalArgumentException e) {
            err.println("lagzero status: cannot read " + statusUri() + ": " + e.getMessage()
                    + ". Fix: check that 'lagzero run' is running and that --url names its --http-port.");
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
