package io.lagzero.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The results as the table bench/run prints. */
final class Table {
    private Table() {
    }

    @SuppressWarnings("unchecked")
    static void print(Map<String, Object> r, PrintStream out) {
        out.printf("%nlagzero bench — %,d rows → %s, %s cores, %s%n%n", (Long) r.get("rows"), r.get("target"),
                r.get("cores"), r.get("when"));
        if (r.containsKey("backfill_rows_per_sec")) {
            initialCopy(r, out);
        }
        if (!r.containsKey("sink_alone_rows_per_sec")) {
            return;
        }
        out.printf("%-44s %14s %14s %16s%n", "snapshot (rows/s)", "lagzero", "raw upsert", "Debezium JDBC");
        out.printf("%-44s %14s %14s %16s%n", "sink alone (records already in Kafka)", num(r, "sink_alone_rows_per_sec"),
                num(r, "raw_upsert_rows_per_sec"), num(r, "debezium_jdbc_alone_rows_per_sec")
                        + (Boolean.FALSE.equals(r.get("debezium_jdbc_alone_complete")) ? "*" : ""));
        out.printf("%-44s %14s %14s %16s%n", "end to end (Debezium source + sink)", num(r, "e2e_snapshot_rows_per_sec"), "", "");
        out.printf("%-44s %14s%n", "Debezium source alone into Kafka", num(r, "source_alone_rows_per_sec"));
        out.printf("%n%-44s %14s %14s %16s%n", "Connect worker CPU per row (µs)", "lagzero", "", "Debezium JDBC");
        for (String[] row : new String[][] {{"sink alone", "cpu"}, {"  of it JIT compiling", "jit"}, {"  of it garbage collection", "gc"}}) {
            out.printf("%-44s %14s %14s %16s%n", row[0], r.get("sink_worker_" + row[1] + "_us_per_row"), "",
                    r.get("debezium_jdbc_worker_" + row[1] + "_us_per_row"));
        }
        out.printf("%-44s %14s  (JIT %s, GC %s)%n", "Debezium source alone", r.get("source_alone_worker_cpu_us_per_row"),
                r.get("source_alone_worker_jit_us_per_row"), r.get("source_alone_worker_gc_us_per_row"));
        out.printf("%n%-44s %s × raw, %s × Debezium JDBC%n", "sink alone", r.get("sink_vs_raw_ratio"),
                r.get("sink_vs_debezium_jdbc_ratio"));
        out.printf("%-44s %s × source alone, %s × Debezium JDBC%n", "end to end", r.get("e2e_vs_source_ratio"),
                r.get("e2e_vs_debezium_jdbc_ratio"));
        out.printf("%n%-18s %-14s %10s %10s %10s %10s %10s %10s  %s%n", "streaming", "sink", "written/s", "captured/s", "applied/s",
                "lag p50", "lag p99", "lag max", "kept up");
        for (Map<String, Object> window : (List<Map<String, Object>>) r.getOrDefault("streaming", List.of())) {
            streaming(out, "lagzero", window);
        }
        for (Map<String, Object> window : (List<Map<String, Object>>) r.getOrDefault("streaming_debezium_jdbc", List.of())) {
            streaming(out, "Debezium JDBC", window);
        }
        out.printf("%-44s %s changes/s%n", "highest rate lagzero kept up with", r.get("streaming_highest_kept_up_rate"));
        out.printf("%-44s %s × Debezium JDBC%n", "sustained streaming rate", r.get("streaming_vs_debezium_jdbc_ratio"));
        out.printf("%n%-44s %14s %14s %16s%n", "Connect worker peak while a sink ran alone", "lagzero", "", "Debezium JDBC");
        for (String[] row : new String[][] {{"heap after GC (MB)", "heap_after_gc_peak_mb"}, {"heap incl. garbage (MB)", "heap_peak_mb"},
                {"RSS (MB)", "rss_peak_mb"}}) {
            out.printf("%-44s %14s %14s %16s%n", "  " + row[0], r.get("sink_" + row[1]), "", r.get("debezium_jdbc_" + row[1]));
        }
        if (Boolean.FALSE.equals(r.get("debezium_jdbc_alone_complete"))) {
            out.println("* Debezium JDBC was stopped at its time limit; its rate is the rows it had written by then.");
        }
    }

    private static void initialCopy(Map<String, Object> r, PrintStream out) {
        out.printf("%-44s %14s %14s %16s%n", "initial copy of lagzero run (rows/s)", "backfill", "raw upsert",
                "Debezium snapshot");
        out.printf("%-44s %14s %14s %16s%n", "  source → target, end to end", num(r, "backfill_rows_per_sec"),
                num(r, "raw_upsert_rows_per_sec"), num(r, "run_snapshot_rows_per_sec"));
        for (String[] row : new String[][] {{"  CPU per row (µs), all of the bench JVM", "cpu_us_per_row"},
                {"    of it the Kafka broker in that JVM", "broker_cpu_us_per_row"}, {"    of it JIT compiling", "jit_us_per_row"},
                {"    of it garbage collection", "gc_us_per_row"}, {"  heap peak (MB)", "heap_peak_mb"},
                {"  heap after GC peak (MB)", "heap_after_gc_peak_mb"}, {"  heap before the copy (MB)", "heap_before_mb"}}) {
            out.printf("%-44s %14s %14s %16s%n", row[0], r.get("backfill_" + row[1]), "", r.get("run_snapshot_" + row[1]));
        }
        out.printf("%-44s %s × raw upsert, %s × Debezium snapshot (lagzero run)%s%n%n", "backfill", r.get("backfill_vs_raw_ratio"),
                r.get("backfill_vs_debezium_snapshot_ratio"), r.containsKey("backfill_vs_connect_snapshot_ratio")
                        ? ", " + r.get("backfill_vs_connect_snapshot_ratio") + " × Debezium snapshot + sink (Connect)" : "");
    }

    private static void streaming(PrintStream out, String sink, Map<String, Object> w) {
        out.printf("%-18s %-14s %10s %10s %10s %8s ms %7s ms %7s ms  %s%n", String.format("%,d/s", (Integer) w.get("rate")), sink,
                String.format("%,d", (Long) w.get("written_per_sec")), String.format("%,d", (Long) w.get("captured_per_sec")),
                String.format("%,d", (Long) w.get("applied_per_sec")),
                w.get("lag_p50_ms"), w.get("lag_p99_ms"), w.get("lag_max_ms"),
                keptUp(w));
    }

    private static String keptUp(Map<String, Object> w) {
        if (Boolean.TRUE.equals(w.get("kept_up"))) {
            return "yes";
        }
        boolean writerShort = (Long) w.get("written_per_sec") < 0.95 * (Integer) w.get("rate");
        return (writerShort ? "writer short of the rate, " : "no, ") + w.get("unapplied") + " unapplied";
    }

    private static String num(Map<String, Object> r, String key) {
        return r.get(key) instanceof Long value ? String.format("%,d", value) : "-";
    }
}
