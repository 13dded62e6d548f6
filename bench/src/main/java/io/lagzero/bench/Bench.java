package io.lagzero.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lagzero.bench.SnapshotRun.Rate;
import io.lagzero.connector.HeartbeatTable;
import io.lagzero.sandbox.db.TargetKind;
import io.lagzero.testkit.ConnectWorker.CpuTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench/run}: lagzero's sink against the raw upsert limit and Debezium's JDBC sink, on one
 * machine, in one run, over the same Kafka topics, and lagzero run's backfill against its Debezium
 * snapshot. See bench/README.md.
 */
@Command(name = "bench/run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures snapshot and streaming throughput and lag of lagzero's sink against a raw "
                + "JDBC upsert and Debezium's JDBC sink, and lagzero run's initial copy by the backfill against "
                + "Debezium's snapshot, with real servers, and writes bench/results/latest.json.")
public final class Bench implements Callable<Integer> {
    private static final String SOURCE_ALONE = "alone";
    private static final String E2E = "e2e";
    private static final String PAGEVIEWS = Connectors.DATABASE + ".pageviews";
    private static final String LIVE = Connectors.DATABASE + ".live";

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the snapshot table (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--target", defaultValue = "mariadb", description = "mariadb or postgres (default ${DEFAULT-VALUE}).")
    TargetKind target;

    @Option(names = "--rates", split = ",", defaultValue = "5000,10000,20000",
            description = "Streaming rates in changes/s, each for --stream-seconds, through our sink and then "
                    + "through Debezium's JDBC sink (default ${DEFAULT-VALUE}).")
    List<Integer> rates;

    @Option(names = "--stream-seconds", defaultValue = "20", description = "Seconds per streaming rate (default ${DEFAULT-VALUE}).")
    int streamSeconds;

    @Option(names = "--peer-limit", defaultValue = "90",
            description = "Seconds Debezium's JDBC sink gets for the snapshot; its rate is what it wrote by then "
                    + "(default ${DEFAULT-VALUE}).")
    int peerLimitSeconds;

    @Option(names = "--sink-only", description = "Only the phases a sink change needs: raw upsert, Debezium's source "
            + "alone and lagzero's sink alone (no Debezium JDBC sink, end to end or streaming).")
    boolean sinkOnly;

    @Option(names = "--backfill-only", description = "Only raw upsert and lagzero run's two initial copies: the backfill "
            + "and Debezium's snapshot (no Kafka Connect phases, no streaming).")
    boolean backfillOnly;

    @Option(names = "--no-snapshot", description = "With --backfill-only: leave out Debezium's snapshot (no "
            + "backfill_vs_debezium_snapshot_ratio), for a large --rows run that measures the backfill's own time and memory.")
    boolean noSnapshot;

    @Option(names = "--out", description = "Results file (default bench/results/latest.json; with --backfill-only "
            + "bench/results/latest-backfill.json).")
    Path out;

    @Option(names = "--build-dir", defaultValue = "bench/target", hidden = true)
    Path buildDir;

    @Spec
    CommandSpec spec;

    /** Held: java.util.logging keeps loggers only weakly, and would forget the level. */
    private static final Logger BINLOG_CLIENT = Logger.getLogger("com.github.shyiko.mysql.binlog");

    private final Map<String, Object> results = new LinkedHashMap<>();

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
        }
        BINLOG_CLIENT.setLevel(Level.WARNING);
        CommandLine cli = new CommandLine(new Bench());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (sinkOnly && backfillOnly) {
            throw new ParameterException(spec.commandLine(), "--sink-only and --backfill-only exclude each other");
        }
        if (noSnapshot && !backfillOnly) {
            throw new ParameterException(spec.commandLine(), "--no-snapshot needs --backfill-only");
        }
        Path file = out != null ? out : Path.of(backfillOnly ? "bench/results/latest-backfill.json" : "bench/results/latest.json");
        results.put("when", Instant.now().toString());
        results.put("rows", rows);
        results.put("target", target.toString());
        results.put("cores", Runtime.getRuntime().availableProcessors());
        say("starting MariaDB (source), %s (target), Kafka and a Kafka Connect worker", target);
        try (Servers servers = new Servers(target, buildDir);
             KafkaProgress kafka = new KafkaProgress(servers.kafka.bootstrapServers())) {
            new Run(servers, kafka).all();
        }
        Table.print(results, System.out);
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), results);
        say("results in %s", file);
        return 0;
    }

    static void say(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }

    /** The phases, in order, against one set of servers. */
    private final class Run {
        private final Servers servers;
        private final KafkaProgress kafka;
        private final Connectors connectors;

        Run(Servers servers, KafkaProgress kafka) {
            this.servers = servers;
            this.kafka = kafka;
            this.connectors = new Connectors(servers);
        }

        void all() throws Exception {
            seed();
            Rate raw = RawUpsert.run(servers.target, target, "bench_raw", rows, Connectors.SINK_TASKS);
            say("raw upsert: %,.0f rows/s", raw.perSecond());
            results.put("raw_upsert_rows_per_sec", round(raw.perSecond()));
            Rate backfill = sinkOnly ? null : initialCopies(raw);
            if (backfillOnly) {
                return;
            }

            Rate source = sourceAlone();
            Rate ours = sinkAlone("lagzero-sink-alone", "ours_sink", connectors::lagzero, true);
            results.put("sink_vs_raw_ratio", ratio(ours.perSecond(), raw.perSecond()));
            if (sinkOnly) {
                return;
            }
            Rate peer = sinkAlone("debezium-jdbc-sink-alone", "peer_sink", connectors::debeziumJdbc, false);
            Rate e2e = endToEnd();
            results.put("sink_vs_debezium_jdbc_ratio", ratio(ours.perSecond(), peer.perSecond()));
            // Debezium's JDBC sink end to end can only be slower than on its own over filled topics.
            results.put("e2e_vs_debezium_jdbc_ratio", ratio(e2e.perSecond(), peer.perSecond()));
            results.put("e2e_vs_source_ratio", ratio(e2e.perSecond(), source.perSecond()));
            results.put("backfill_vs_connect_snapshot_ratio", ratio(backfill.perSecond(), e2e.perSecond()));
            streaming();
        }

        private void seed() throws SQLException {
            servers.source.createDatabase(Connectors.DATABASE);
            servers.source.execute(Connectors.DATABASE, Pageviews.sourceDdl("pageviews"), Pageviews.sourceDdl("live"),
                    HeartbeatTable.in(Connectors.DATABASE).createSql());
            long start = System.nanoTime();
            try (Connection connection = servers.source.connect(Connectors.DATABASE)) {
                Pageviews.write(connection, "pageviews", null, RawUpsert.ROWS_PER_STATEMENT, 1, rows + 1);
            }
            say("seeded %,d rows into the source in %.1f s", rows, (System.nanoTime() - start) / 1e9);
        }

        /**
         * {@code lagzero run}'s initial copy both ways, in this JVM: the backfill first, so that it,
         * not the snapshot, pays for compiling the code both use.
         */
        private Rate initialCopies(Rate raw) throws Exception {
            InitialCopy copies = new InitialCopy(servers, rows);
            InitialCopy.Result backfill = copies.backfill();
            String backfillCpu = copyFigures("backfill", backfill);
            backfill.startedAfter().ifPresent(wait -> results.put("backfill_started_after_ms", wait.toMillis()));
            say("lagzero run with the backfill: %,.0f rows/s (copying began %.1f s after start), CPU %s, heap peak %,d MB "
                    + "(after GC %,d MB; %,d MB before)", backfill.rate().perSecond(),
                    backfill.startedAfter().orElse(Duration.ZERO).toMillis() / 1e3, backfillCpu, backfill.heapPeakMb(),
                    backfill.heapAfterGcPeakMb(), backfill.heapBeforeMb());
            double vsRaw = ratio(backfill.rate().perSecond(), raw.perSecond());
            results.put("backfill_vs_raw_ratio", vsRaw);
            if (noSnapshot) {
                say("initial copy: backfill %,.0f rows/s vs raw upsert %,.0f rows/s: %s × raw", backfill.rate().perSecond(),
                        raw.perSecond(), vsRaw);
                return backfill.rate();
            }
            InitialCopy.Result snapshot = copies.snapshot();
            String snapshotCpu = copyFigures("run_snapshot", snapshot);
            say("lagzero run with Debezium's snapshot: %,.0f rows/s, CPU %s, heap peak %,d MB (after GC %,d MB; %,d MB before)",
                    snapshot.rate().perSecond(), snapshotCpu, snapshot.heapPeakMb(), snapshot.heapAfterGcPeakMb(),
                    snapshot.heapBeforeMb());
            double vsSnapshot = ratio(backfill.rate().perSecond(), snapshot.rate().perSecond());
            results.put("backfill_vs_debezium_snapshot_ratio", vsSnapshot);
            say("initial copy: backfill %,.0f rows/s vs Debezium's snapshot %,.0f rows/s vs raw upsert %,.0f rows/s: "
                    + "%s × the snapshot, %s × raw; CPU %s vs %s µs/row", backfill.rate().perSecond(), snapshot.rate().perSecond(),
                    raw.perSecond(), vsSnapshot, vsRaw, results.get("backfill_cpu_us_per_row"), results.get("run_snapshot_cpu_us_per_row"));
            return backfill.rate();
        }

        /** Puts an initial copy's rate, CPU and heap figures under {@code key}; says its CPU. */
        private String copyFigures(String key, InitialCopy.Result copy) {
            long copied = copy.rate().rows();
            PhaseCpu.Used cpu = copy.cpu();
            results.put(key + "_rows_per_sec", round(copy.rate().perSecond()));
            results.put(key + "_cpu_us_per_row", microsPerRow(cpu.totalNanos(), copied));
            results.put(key + "_jit_us_per_row", microsPerRow(cpu.compilerNanos(), copied));
            results.put(key + "_gc_us_per_row", microsPerRow(cpu.gcNanos(), copied));
            results.put(key + "_broker_cpu_us_per_row", microsPerRow(cpu.brokerNanos(), copied));
            results.put(key + "_heap_peak_mb", copy.heapPeakMb());
            results.put(key + "_heap_after_gc_peak_mb", copy.heapAfterGcPeakMb());
            results.put(key + "_heap_before_mb", copy.heapBeforeMb());
            return String.format("%.1f µs/row (Kafka broker %.1f, JIT %.1f, GC %.1f)", results.get(key + "_cpu_us_per_row"),
                    results.get(key + "_broker_cpu_us_per_row"), results.get(key + "_jit_us_per_row"),
                    results.get(key + "_gc_us_per_row"));
        }

        private Rate sourceAlone() throws InterruptedException {
            String topic = SOURCE_ALONE + "." + PAGEVIEWS;
            long start = System.nanoTime();
            CpuTime cpuBefore = servers.connect.cpuTime();
            servers.connect.rest().createConnector("source-alone", connectors.source(SOURCE_ALONE, 5401));
            Rate rate = SnapshotRun.since(start, rows, () -> kafka.exists(topic) ? kafka.records(topic) : 0, Duration.ofMinutes(30));
            String cpu = workerCpu("source_alone", servers.connect.cpuTime().minus(cpuBefore), rate.rows());
            servers.connect.rest().deleteConnector("source-alone");
            say("Debezium source alone into Kafka: %,.0f rows/s, worker CPU %s", rate.perSecond(), cpu);
            results.put("source_alone_rows_per_sec", round(rate.perSecond()));
            return rate;
        }

        private interface SinkConfig {
            Map<String, String> config(String topics, String database);
        }

        /** A sink over the source-alone topic, already full: the sink's own speed. */
        private Rate sinkAlone(String name, String database, SinkConfig config, boolean ours) throws Exception {
            String topic = SOURCE_ALONE + "." + PAGEVIEWS;
            String key = ours ? "sink" : "debezium_jdbc";
            servers.target.createDatabase(database);
            if (!ours) {
                // With MariaDB's driver, Debezium's JDBC sink finds a same-named table in another
                // database of the server (bench_raw.pageviews) and never creates its own.
                servers.target.execute(database, Pageviews.targetDdl(target, "pageviews"));
            }
            Rate rate;
            String cpu;
            try (MemoryPeak memory = new MemoryPeak(servers.connect)) {
                long start = System.nanoTime();
                CpuTime cpuBefore = servers.connect.cpuTime();
                servers.connect.rest().createConnector(name, config.config(topic, database));
                Duration limit = ours ? Duration.ofMinutes(30) : Duration.ofSeconds(peerLimitSeconds);
                rate = SnapshotRun.since(start, rows, () -> kafka.committed(name, topic), limit);
                CpuTime used = servers.connect.cpuTime().minus(cpuBefore);
                if (!rate.complete()) {
                    rate = new Rate(count(database, "pageviews"), rate.took(), false);
                }
                cpu = workerCpu(key, used, rate.rows());
                results.put(key + "_heap_peak_mb", memory.heapMb());
                results.put(key + "_heap_after_gc_peak_mb", memory.retainedMb());
                results.put(key + "_rss_peak_mb", memory.residentMb());
            }
            servers.connect.rest().deleteConnector(name);
            if (rate.complete() && count(database, "pageviews") != rows) {
                throw new IllegalStateException(name + " committed every record but " + database
                        + ".pageviews has " + count(database, "pageviews") + " rows, not " + rows);
            }
            say("%s: %,.0f rows/s, worker CPU %s%s", name, rate.perSecond(), cpu,
                    rate.complete() ? "" : " (stopped after " + rate.took().toSeconds() + " s, " + rate.rows() + " rows)");
            results.put(key + "_alone_rows_per_sec", round(rate.perSecond()));
            results.put(key + "_alone_complete", rate.complete());
            return rate;
        }

        /** Debezium's source and our sink started together on an empty target. */
        private Rate endToEnd() throws Exception {
            String topic = E2E + "." + PAGEVIEWS;
            kafka.createTopic(topic, Connectors.PARTITIONS);
            kafka.createTopic(E2E + "." + LIVE, Connectors.PARTITIONS);
            for (String database : List.of("ours_e2e", "peer_e2e")) {
                servers.target.createDatabase(database);
                servers.target.execute(database, Pageviews.targetDdl(target, "live"), "CREATE INDEX live_seq ON live (seq)");
            }
            long start = System.nanoTime();
            servers.connect.rest().createConnector("source-e2e", connectors.source(E2E, 5402));
            servers.connect.rest().createConnector("lagzero-e2e", connectors.lagzero(topic + "," + E2E + "." + LIVE, "ours_e2e"));
            Rate rate = SnapshotRun.since(start, rows, () -> kafka.committed("lagzero-e2e", topic), Duration.ofMinutes(30));
            say("end to end (Debezium source + lagzero sink): %,.0f rows/s", rate.perSecond());
            results.put("e2e_snapshot_rows_per_sec", round(rate.perSecond()));
            return rate;
        }

        private void streaming() throws Exception {
            try (Connection source = DriverManager.getConnection(
                    servers.source.url(Connectors.DATABASE) + "?rewriteBatchedStatements=true",
                    servers.source.user(), servers.source.password())) {
                ChangeWriter writer = new ChangeWriter(source, "live");
                List<StreamResult> ours = new ArrayList<>();
                for (int rate : rates) {
                    ours.add(stream(writer, "lagzero-e2e", "ours_e2e", rate));
                }
                servers.connect.rest().deleteConnector("lagzero-e2e");
                Map<String, String> peerConfig = connectors.debeziumJdbc(E2E + "." + LIVE, "peer_e2e");
                peerConfig.put("consumer.override.auto.offset.reset", "latest");
                servers.connect.rest().createConnector("debezium-jdbc-stream", peerConfig);
                servers.connect.awaitRunning("debezium-jdbc-stream", Connectors.SINK_TASKS, Duration.ofMinutes(1));
                Thread.sleep(5_000);
                List<StreamResult> peer = new ArrayList<>();
                for (int rate : rates) {
                    peer.add(stream(writer, "debezium-jdbc-stream", "peer_e2e", rate));
                }
                servers.connect.rest().deleteConnector("debezium-jdbc-stream");

                results.put("streaming_p99_lag_ms", ours.get(0).lag().p99Millis());
                double oursCapacity = capacity(ours);
                double peerCapacity = capacity(peer);
                results.put("streaming_highest_kept_up_rate", ours.stream().filter(StreamResult::keptUp)
                        .mapToInt(StreamResult::rate).max().orElse(0));
                results.put("streaming_vs_debezium_jdbc_ratio", ratio(oursCapacity, peerCapacity));
                results.put("streaming", ours.stream().map(StreamResult::json).toList());
                results.put("streaming_debezium_jdbc", peer.stream().map(StreamResult::json).toList());
            }
        }

        /**
         * What a sink sustains at the rates tried: the highest rate it kept up with, or the most it
         * applied per second in a window where it fell behind, whichever is more.
         */
        private double capacity(List<StreamResult> windows) {
            return windows.stream().mapToDouble(w -> w.keptUp() ? w.rate() : w.appliedPerSecond()).max().orElse(0);
        }

        private StreamResult stream(ChangeWriter writer, String connector, String database, int rate) throws Exception {
            String topic = E2E + "." + LIVE;
            try (LagProbe probe = new LagProbe(servers.target.connect(database), "live")) {
                long committed = kafka.committed(connector, topic);
                // A sink that has committed nothing yet reads from the end (auto.offset.reset=latest).
                long recordsBefore = kafka.records(topic);
                long committedBefore = committed > 0 ? committed : recordsBefore;
                long start = System.nanoTime();
                ChangeWriter.Written written = writer.run(rate, Duration.ofSeconds(streamSeconds));
                double captured = (kafka.records(topic) - recordsBefore) / (written.took().toNanos() / 1e9);
                probe.awaitSeq(written.lastSeq(), 30_000);
                double seconds = (System.nanoTime() - start) / 1e9;
                LagStats lag = LagStats.of(written.commits(), probe.samples(), System.currentTimeMillis());
                Thread.sleep(500);
                double applied = (kafka.committed(connector, topic) - committedBefore) / seconds;
                StreamResult result = new StreamResult(rate, written.perSecond(), captured, applied, lag);
                say("%s streaming %,d changes/s (wrote %,.0f/s, captured %,.0f/s, applied %,.0f/s): lag p50 %d ms, p99 %d ms,"
                        + " max %d ms%s", connector, rate, written.perSecond(), captured, applied, lag.p50Millis(), lag.p99Millis(), lag.maxMillis(),
                        lag.unapplied() == 0 ? "" : ", " + lag.unapplied() + " changes not applied 30 s after the writer stopped");
                return result;
            }
        }

        private long count(String database, String table) throws SQLException {
            try (Connection connection = servers.target.connect(database);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long round(double value) {
        return Math.round(value);
    }

    /**
     * Puts the worker's CPU microseconds per row under {@code key}, in all and of it JIT compiling
     * and garbage collection (a short phase pays for compiling the connector's code), and says it.
     */
    private String workerCpu(String key, CpuTime used, long rows) {
        double total = microsPerRow(used.totalNanos(), rows);
        double jit = microsPerRow(used.compilerNanos(), rows);
        double gc = microsPerRow(used.gcNanos(), rows);
        results.put(key + "_worker_cpu_us_per_row", total);
        results.put(key + "_worker_jit_us_per_row", jit);
        results.put(key + "_worker_gc_us_per_row", gc);
        return String.format("%.1f µs/row (JIT %.1f, GC %.1f)", total, jit, gc);
    }

    /** CPU microseconds per row, one decimal. */
    private static double microsPerRow(long cpuNanos, long rows) {
        return rows <= 0 ? 0 : Math.round(cpuNanos / 100.0 / rows) / 10.0;
    }

    private static double ratio(double ours, double theirs) {
        return theirs <= 0 ? 0 : Math.round(ours / theirs * 100) / 100.0;
    }
}
