package io.lagzero.control.cutover;

import io.lagzero.control.cli.DurationConverter;
import io.lagzero.control.cli.EndpointOptions;
import io.lagzero.control.cli.UserError;
import io.lagzero.control.cli.UsesEndpoints;
import io.lagzero.control.status.StatusEndpoint;
import io.lagzero.control.verify.Verifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lagzero cutover}: the lag-gated switchover from the source to the target. */
@Command(name = "cutover", mixinStandardHelpOptions = true,
        description = {"Switches over once lag is under budget, the dead-letter queue is empty and the newest lagzero verify "
                + "pass was clean: freezes writes on the source, waits until the last write is in the target, moves the "
                + "target's id counters past the source's, checks row counts, and prints 'switch now' with the "
                + "measured freeze time. If a step fails, the downtime budget runs out or the cutover is stopped (Ctrl-C, "
                + "SIGTERM), it unfreezes the source.",
            "Exit code: 0 switched (or ready, with --dry-run), 1 not ready or aborted, 2 setup error."})
public final class CutoverCommand implements Callable<Integer>, UsesEndpoints {
    @Mixin
    EndpointOptions endpoints;

    @Option(names = "--status-url", paramLabel = "URL", defaultValue = "http://localhost:8484",
            description = "The running lagzero run's HTTP address (--http-port; host:port or a URL), read for lag, "
                    + "snapshot and dead-letter state (default: ${DEFAULT-VALUE}).")
    String statusUrl;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "lagzero-verify",
            description = "lagzero verify's --state-dir, with its last finished pass (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--verify-max-age", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "How old the last clean verification may be (default: ${DEFAULT-VALUE}).")
    Duration verifyMaxAge;

    @Option(names = "--max-lag-allowed", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Lag above which the cutover does not start (default: ${DEFAULT-VALUE}).")
    Duration maxLag;

    @Option(names = "--max-downtime", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long writes may stay frozen before the cutover gives up and unfreezes (default: ${DEFAULT-VALUE}).")
    Duration maxDowntime;

    @Option(names = "--freeze-command", paramLabel = "CMD",
            description = "Freeze writes your own way (sh -c CMD) instead of SET GLOBAL read_only = ON on the source.")
    String freezeCommand;

    @Option(names = "--unfreeze-command", paramLabel = "CMD", description = "Undoes --freeze-command.")
    String unfreezeCommand;

    @Option(names = "--command-timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Longest a freeze or unfreeze command may run (default: ${DEFAULT-VALUE}).")
    Duration commandTimeout;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST every transition as JSON to this URL.")
    URI webhook;

    @Option(names = "--dry-run", description = "Run every check, freeze nothing.")
    boolean dryRun;

    @Option(names = "--hold", description = "Once frozen and drained, wait until the operator types 'switch' (or 'abort').")
    boolean hold;

    @Spec
    CommandSpec spec;

    @Override
    public EndpointOptions endpoints() {
        return endpoints;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (maxDowntime.isNegative() || maxDowntime.isZero()) {
            throw new UserError("--max-downtime must be positive. Fix: e.g. --max-downtime 10s");
        }
        CutoverPlan plan = new CutoverPlan(StatusEndpoint.of("--status-url", statusUrl), stateDir, verifyMaxAge, maxLag,
                maxDowntime, webhook, dryRun, hold);
        SourceFreeze freeze = freezeCommand == null
                ? SourceFreeze.readOnly(endpoints.sourceUrl(), endpoints.sourceUser(), endpoints.sourcePassword())
                : SourceFreeze.commands(freezeCommand, unfreezeCommand, commandTimeout);
        Verifier.Endpoints sides = Verifier.Endpoints.of(endpoints);
        Cutover cutover = Cutover.of(plan, sides, freeze, spec.commandLine().getOut(),
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        try {
            return cutover.run().exitCode();
        } catch (SQLException e) {
            throw new UserError("cutover stopped before freezing anything: " + e.getMessage(), e);
        }
    }
}
