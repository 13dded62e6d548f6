package io.lagzero.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names that {@code deploy/grafana/lagzero-dashboard.json} and
 * {@code deploy/prometheus/alerts.yml} use, split by the deployment that must export them: the
 * tests scrape a live {@code lagzero run} (LagTest) and a live Kafka Connect worker's JMX exporter
 * (ConnectPluginTest) and check that each such name is there.
 */
public final class DeployedMetrics {
    private static final Path DEPLOY = Path.of(System.getProperty("lagzero.deploy.dir", "../deploy"));
    private static final Pattern NAME = Pattern.compile("\\b(?:lagzero|kafka_connect)_[a-z_]+");
    /** Kafka Connect's own metrics, turned into Prometheus names by deploy/jmx-exporter's rules. */
    private static final String CONNECT_PREFIX = "kafka_connect_";
    /**
     * What only {@code lagzero run} serves (docs/metrics.md): a Connect task knows neither the budget
     * nor the heartbeat interval nor the source's row counts, Connect plugin metrics carry no
     * histogram buckets, the JMX exporter cannot name a metric {@code *_info}, and a task does not
     * see its consumer's end offsets (the backlog in records). The dashboard
     * draws them as extras; the Connect alert group does without.
     */
    public static final Set<String> RUN_ONLY = Set.of("lagzero_lag_budget_seconds", "lagzero_heartbeat_interval_seconds",
            "lagzero_snapshot_progress_ratio", "lagzero_pipeline_up", "lagzero_sink_apply_seconds_bucket",
            "lagzero_build_info", "lagzero_backlog_records");

    public enum Deployment { RUN, CONNECT }

    private DeployedMetrics() {
    }

    /** Every name the dashboard and the alert rules use that {@code deployment} must export. */
    public static Set<String> usedBy(Deployment deployment) throws IOException {
        Set<String> names = new TreeSet<>();
        names.addAll(namesIn(dashboardQueries()));
        names.addAll(namesIn(Files.readString(DEPLOY.resolve("prometheus/alerts.yml"))));
        names.removeIf(name -> deployment == Deployment.RUN ? name.startsWith(CONNECT_PREFIX) : RUN_ONLY.contains(name));
        return names;
    }

    /** The dashboard's PromQL: panel targets and template variable queries. */
    private static String dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/lagzero-dashboard.json").toFile());
        StringBuilder queries = new StringBuilder();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> queries.append(target.path("expr").asText()).append('\n')));
        dashboard.path("templating").path("list").forEach(variable -> queries.append(variable.path("query").asText()).append('\n'));
        return queries.toString();
    }

    private static Set<String> namesIn(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
