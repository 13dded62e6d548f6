package io.lagzero.demo;

import io.lagzero.control.OptionalCommand;
import io.lagzero.control.cli.DurationConverter;
import io.lagzero.control.cutover.Cutover;
import io.lagzero.control.cutover.CutoverPlan;
import io.lagzero.control.cutover.CutoverState;
import io.lagzero.control.cutover.SourceFreeze;
import io.lagzero.control.run.Pipeline;
import io.lagzero.control.run.PipelineConfig;
import io.lagzero.control.status.StatusEndpoint;
import io.lagzero.control.verify.TableComparator;
import io.lagzero.control.verify.TableComparison;
import io.lagzero.control.verify.Verifier;
import io.lagzero.control.verify.VerifyReport;
import io.lagzero.control.verify.VerifySettings;
import io.lagzero.control.verify.VerifyText;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sandbox.db.TargetKind;
import io.lagzero.sink.backfill.BackfillSettings;
import io.lagzero.sink.connect.LagzeroSinkConfig;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.source.TableSelector;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lagzero demo}: a whole migration on a sandbox. Seeds a source, replicates it while an
 * application keeps writing, drains, and compares every table row by row.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = OptionalCommand.DEMO_DESCRIPTION)
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000000", description = "Rows to seed the source with (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--target", paramLabel = "KIND", defaultValue = "postgres", description = "postgres or mariadb (default: ${DEFAULT-VALUE}).")
    TargetKind target;

    @Option(names = "--writes-per-sec", paramLabel = "R", defaultValue = "500", description = "Live writes per second on the source (default: ${DEFAULT-VALUE}).")
    int writesPerSecond;

    @Option(names = "--duration", paramLabel = "D", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long the live writer keeps going after the initial copy (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--batch-size", paramLabel = "N", description = LagzeroSinkConfig.BATCH_SIZE_DOC + " Default: "
            + LagzeroSinkConfig.BATCH_SIZE_DEFAULT + ".")
    String batchSize;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private VerifyReport verified;
    private Cutover.Outcome cutover;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        if (rows < 1 || writesPerSecond < 0 || duration.isNegative()) {
            out.println("lagzero demo: FAILED — --rows must be ≥ 1, --writes-per-sec ≥ 0, --duration ≥ 0");
            return 2;
        }
        out.printf("lagzero demo: starting sandbox servers (source MariaDB with binlog, target %s, embedded Kafka)%n", target);
        List<TableComparison> results;
        try (Sandbox sandbox = Sandbox.start(target)) {
            Thread cleanup = new Thread(sandbox::close, "lagzero-demo-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            Map<TableId, Long> totals = seed(sandbox.source());
            results = migrate(sandbox, totals);
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (Exception e) {
            out.println("lagzero demo: FAILED — " + e.getMessage());
            return 1;
        }
        return report(results);
    }

    private Map<TableId, Long> seed(MariaDbServer source) throws SQLException {
        long started = System.nanoTime();
        source.execute(DemoSchema.DATABASE, DemoSchema.createTables());
        source.execute(DemoSchema.DATABASE, DemoSchema.seed(rows));
        Map<TableId, Long> totals = new LinkedHashMap<>();
        try (Connection c = source.connect(DemoSchema.DATABASE); Statement s = c.createStatement()) {
            for (TableId table : DemoSchema.TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table.table() + "`")) {
                    rs.next();
                    totals.put(table, rs.getLong(1));
                }
            }
        }
        out.printf("seeded %s: %s (%.1f s)%n", DemoSchema.DATABASE, Progress.counts(totals), seconds(started));
        return totals;
    }

    private List<TableComparison> migrate(Sandbox sandbox, Map<TableId, Long> totals) throws Exception {
        PipelineConfig config = PipelineConfig.of(sandbox.sourceUrl(), MariaDbServer.USER, MariaDbServer.PASSWORD,
                sandbox.targetUrl(), sandbox.targetUser(), sandbox.targetPassword(),
                TableSelector.parse(DemoSchema.DATABASE + ".*"), Optional.empty(), sandbox.dataDir(), "demo",
                batchSize == null ? Map.of() : Map.of(LagzeroSinkConfig.BATCH_SIZE, batchSize))
                .withBackfill(Optional.of(BackfillSettings.defaults()));
        try (Pipeline pipeline = Pipeline.start(config);
                Connection writerConnection = sandbox.connectAsApplication()) {
            Progress progress = new Progress(pipeline, totals, out);
            LiveWriter writer = new LiveWriter(writerConnection, writesPerSecond, totals.get(DemoSchema.TABLES.get(0)),
                    totals.get(DemoSchema.TABLES.get(1)), totals.get(DemoSchema.TABLES.get(2)));
            Thread writerThread = new Thread(writer, "lagzero-demo-writer");
            writerThread.start();
            try {
                progress.untilCopiedAndThen(duration, writer);
                verified = verifyWhileWriting(sandbox);
                cutover = cutoverWhileWriting(sandbox, pipeline);
            } finally {
                writer.stop();
                writerThread.join();
            }
            if (writer.failure() != null) {
                throw new IllegalStateException("the live writer failed: " + writer.failure().getMessage());
            }
            if (writer.stoppedByFreeze()) {
                out.printf("the source refused the writer's next write (read_only) after %,d writes%n", writer.writes());
            }
            progress.drain(sandbox, writer.writes());
            return compare(sandbox);
        }
    }

    /** {@code lagzero verify} on the sandbox, the writer still writing: it must find no difference. */
    private VerifyReport verifyWhileWriting(Sandbox sandbox) throws SQLException, InterruptedException {
        out.println("lagzero verify, while the writer keeps writing ...");
        VerifySettings settings = new VerifySettings(10_000, 0, Duration.ofSeconds(30),
                sandbox.dataDir().resolve("verify"), false);
        VerifyReport report = new Verifier(endpoints(sandbox), settings, spec.commandLine().getErr()).run();
        VerifyText.print(out, report);
        return report;
    }

    /**
     * {@code lagzero cutover} on the sandbox while the writer (an application user) keeps writing:
     * read_only stops the writer, and the comparison that follows proves every accepted write arrived.
     */
    private Cutover.Outcome cutoverWhileWriting(Sandbox sandbox, Pipeline pipeline) throws SQLException, InterruptedException {
        out.println("lagzero cutover, while the writer keeps writing ...");
        CutoverPlan plan = new CutoverPlan(StatusEndpoint.of("--status-url", "127.0.0.1:" + pipeline.httpPort()),
                sandbox.dataDir().resolve("verify"), Duration.ofHours(1), Duration.ofSeconds(5), Duration.ofSeconds(10),
                null, false, false);
        SourceFreeze freeze = SourceFreeze.readOnly(sandbox.sourceUrl(), MariaDbServer.USER, MariaDbServer.PASSWORD);
        return Cutover.of(plan, endpoints(sandbox), freeze, out, new BufferedReader(Reader.nullReader())).run();
    }

    private static Verifier.Endpoints endpoints(Sandbox sandbox) {
        return new Verifier.Endpoints(sandbox.sourceUrl(), MariaDbServer.USER, MariaDbServer.PASSWORD,
                sandbox.targetUrl(), sandbox.targetUser(), sandbox.targetPassword(),
                TableSelector.parse(DemoSchema.DATABASE + ".*"), ColumnMapping.EMPTY);
    }

    private List<TableComparison> compare(Sandbox sandbox) throws SQLException {
        out.println("comparing source and target row by row ...");
        List<TableComparison> results = new ArrayList<>();
        try (Connection source = sandbox.source().connect(DemoSchema.DATABASE); Connection target = sandbox.connectTarget()) {
            TableComparator comparator = new TableComparator(source, target, sandbox.targetQualifier());
            for (TableId table : DemoSchema.TABLES) {
                long started = System.nanoTime();
                TableComparison result = comparator.compare(table);
                results.add(result);
                out.printf("  %-10s source %,10d rows %s   target %,10d rows %s   %s (%.1f s)%n", table.table(),
                        result.sourceRows(), result.sourceChecksum(), result.targetRows(), result.targetChecksum(),
                        result.summary(), seconds(started));
                result.samples().stream().skip(1).forEach(sample -> out.println("             " + sample));
            }
        }
        return results;
    }

    private int report(List<TableComparison> results) {
        if (!verified.matches()) {
            out.println("lagzero demo: FAILED — lagzero verify found differences under live writes");
            return 1;
        }
        if (cutover.state() != CutoverState.SWITCHED) {
            out.println("lagzero demo: FAILED — the cutover did not switch: " + cutover.detail());
            return 1;
        }
        long identical = results.stream().filter(TableComparison::identical).count();
        if (identical == results.size()) {
            out.printf("lagzero demo: OK — %d tables identical after a cutover with writes frozen for %.3f s%n", identical,
                    cutover.frozenFor().toNanos() / 1e9);
            return 0;
        }
        out.printf("lagzero demo: FAILED — %d of %d tables differ%n", results.size() - identical, results.size());
        return 1;
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
