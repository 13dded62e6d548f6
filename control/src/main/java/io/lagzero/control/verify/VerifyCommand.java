package io.lagzero.control.verify;

import io.lagzero.control.cli.DurationConverter;
import io.lagzero.control.cli.EndpointOptions;
import io.lagzero.control.cli.UserError;
import io.lagzero.control.cli.UsesEndpoints;
import io.lagzero.sink.event.TableId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lagzero verify}: is the target the same as the source, table by table, while replication runs? */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compares source and target in chunks of the primary key, after the sink's column mapping, "
                + "without locking the source; re-checks differing rows until replication has passed them.",
            "Exit code 0: every table matches; 1: differences; 2: a setup problem. Details: docs/verify.md"})
public final class VerifyCommand implements Callable<Integer>, UsesEndpoints {
    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "10000", description = "Rows per chunk and side (default: ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--max-rows-per-sec", paramLabel = "N", defaultValue = "0", description = "Most rows read per second from each side; 0 is no limit (default: ${DEFAULT-VALUE}).")
    long maxRowsPerSecond;

    @Option(names = "--recheck-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long differing rows are re-read before they count (default: ${DEFAULT-VALUE}).")
    Duration recheckTimeout;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "lagzero-verify",
            description = "Progress of the pass and the last finished pass, last-pass.json (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--resume", description = "Continue the unfinished pass in --state-dir.")
    boolean resume;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    @Option(names = "--repair", description = "Send persistently differing rows through the pipeline again "
            + "(Debezium incremental snapshot of just their keys); delete rows only the target has.")
    boolean repair;

    @Option(names = "--signal-table", paramLabel = "DB.TABLE",
            description = "The source's Debezium signal table for --repair (default: <db of the first table>.lagzero_signals).")
    String signalTable;

    @Spec
    CommandSpec spec;

    private static TableId signalTableId(String name) {
        String[] parts = name.split("\\.");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new UserError("--signal-table '" + name + "' is not DATABASE.TABLE. Fix: write e.g. app.lagzero_signals");
        }
        return new TableId(parts[0], parts[1]);
    }

    @Override
    public EndpointOptions endpoints() {
        return endpoints;
    }

    @Override
    public Integer call() throws InterruptedException {
        Verifier.Endpoints sides = Verifier.Endpoints.of(endpoints);
        VerifySettings settings = new VerifySettings(chunkSize, maxRowsPerSecond, recheckTimeout, stateDir, resume,
                repair, signalTable == null ? null : signalTableId(signalTable));
        PrintWriter out = spec.commandLine().getOut();
        VerifyReport report;
        try {
            report = new Verifier(sides, settings, spec.commandLine().getErr()).run();
        } catch (SQLException e) {
            throw new UserError("verify stopped: " + e.getMessage() + ". Fix: check both databases, then run "
                    + "again with --resume to continue where it stopped.", e);
        }
        if (json) {
            out.println(ReportJson.write(report));
        } else {
            VerifyText.print(out, report);
        }
        return report.matches() ? 0 : 1;
    }
}
