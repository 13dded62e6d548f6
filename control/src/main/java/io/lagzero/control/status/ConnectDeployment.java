package io.lagzero.control.status;

import io.lagzero.connectclient.ConnectRest;
import io.lagzero.connectclient.ConnectorStatus;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.health.PipelineStatus.State;
import io.lagzero.control.health.PipelineStatus.TableStatus;
import io.lagzero.sink.backfill.CopyState;
import io.lagzero.sink.connect.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code lagzero status} of a Kafka Connect deployment, read from outside: the connectors' and
 * tasks' states from the Connect REST API, the sink's backlog and dead-letter topic from Kafka, and
 * the lag as the age of the newest heartbeat row in the target. What only the sink task knows (lag
 * parts, snapshot progress, rates) is null; docs/status.md lists the differences.
 *
 * @param sourceConnector Debezium's connector, whose state counts too and whose
 *     {@code heartbeat.interval.ms} is reported; empty to look at the sink only
 */
record ConnectDeployment(ConnectRest connect, String sinkConnector, Optional<String> sourceConnector, String kafka,
        String targetUrl, String targetUser, String targetPassword, Duration maxLag) {

    PipelineStatus status(Clock clock) throws IOException {
        try {
            List<ConnectorStatus> connectors = new ArrayList<>();
            connectors.add(connect.status(sinkConnector));
            sourceConnector.map(connect::status).ifPresent(connectors::add);
            Map<String, String> sinkConfig = connectors.get(0).state().equals(ConnectorStatus.UNKNOWN) ? Map.of()
                    : connect.config(sinkConnector);
            KafkaBacklog backlog = KafkaBacklog.read(kafka, sinkConnector, topics(sinkConfig),
                    Optional.ofNullable(sinkConfig.get("errors.deadletterqueue.topic.name")).filter(t -> !t.isBlank()));
            TargetHeartbeat heartbeat = TargetHeartbeat.read(targetUrl, targetUser, targetPassword, clock);
            return status(connectors, backlog, heartbeat, TargetCopy.read(targetUrl, targetUser, targetPassword));
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private PipelineStatus status(List<ConnectorStatus> connectors, KafkaBacklog backlog, TargetHeartbeat heartbeat,
            TargetCopy copy) {
        Double lag = heartbeat.ageSeconds().orElse(null);
        double budget = maxLag.toMillis() / 1000.0;
        Optional<String> failed = connectors.stream().map(this::failure).flatMap(Optional::stream).findFirst();
        Optional<String> stopped = connectors.stream().map(ConnectDeployment::notRunning).flatMap(Optional::stream).findFirst();
        String lagText = lag == null ? "lag not known" : String.format(Locale.ROOT, "lag %.1f s", lag);
        State state;
        String reason;
        if (failed.isPresent()) {
            state = State.FAILED;
            reason = "pipeline stopped: " + failed.get();
        } else if (stopped.isPresent()) {
            state = State.LAGGING;
            reason = "connector not running: " + stopped.get() + "; " + lagText;
        } else if (copy.copying()) {
            state = State.LAGGING;
            reason = copy.summary() + "; " + lagText;
        } else if (lag == null) {
            state = State.LAGGING;
            reason = "source capture stalled: " + heartbeat.problem().orElse("no heartbeat") + "; " + lagText;
        } else if (lag > budget) {
            state = State.LAGGING;
            reason = backlog.total() > 0 ? "sink behind: " + backlog.total() + " changes waiting in Kafka; " + lagText
                    : String.format(Locale.ROOT, "source capture stalled: the newest heartbeat in the target is %.1f s old; %s",
                            lag, lagText);
        } else {
            state = State.HEALTHY;
            reason = String.format(Locale.ROOT, "ok: %s within budget %.1f s", lagText, budget);
        }
        Map<String, CopyState.TableCopy> copies = new TreeMap<>();
        copy.tables().forEach((table, tableCopy) -> copies.put(table.toString(), tableCopy));
        Set<String> names = new TreeSet<>(backlog.perTable().keySet());
        names.addAll(copies.keySet());
        List<TableStatus> tables = names.stream().map(name -> {
            CopyState.TableCopy tableCopy = copies.get(name);
            return new TableStatus(name, tableCopy == null ? null : TargetCopy.phase(tableCopy),
                    tableCopy == null ? null : tableCopy.rows(), null, null, null, null, null,
                    backlog.perTable().getOrDefault(name, 0L), null);
        }).toList();
        return new PipelineStatus(Version.current(), state, reason, lag, budget, null, lag, heartbeatInterval(), null,
                backlog.total(), backlog.dlqRecords(), tables);
    }

    private Double heartbeatInterval() {
        return sourceConnector.map(connect::config).map(config -> config.get("heartbeat.interval.ms"))
                .map(ms -> Long.parseLong(ms) / 1000.0).orElse(null);
    }

    private Optional<String> failure(ConnectorStatus connector) {
        if (connector.state().equals(ConnectorStatus.UNKNOWN)) {
            return Optional.of("connector " + connector.name() + " does not exist at " + connect.url());
        }
        return connector.failure().map(trace -> connector.name() + " " + trace.lines().findFirst().orElse("FAILED"));
    }

    private static Optional<String> notRunning(ConnectorStatus connector) {
        if (!connector.state().equals(ConnectorStatus.RUNNING)) {
            return Optional.of(connector.name() + " is " + connector.state());
        }
        if (connector.tasks().isEmpty()) {
            return Optional.of(connector.name() + " has no tasks");
        }
        return connector.tasks().stream().filter(task -> !task.state().equals(ConnectorStatus.RUNNING)).findFirst()
                .map(task -> connector.name() + " task " + task.id() + " is " + task.state());
    }

    /** The sink's topics: its {@code topics} list or {@code topics.regex}. */
    private static Predicate<String> topics(Map<String, String> sinkConfig) {
        String list = sinkConfig.getOrDefault("topics", "");
        if (!list.isBlank()) {
            List<String> names = List.of(list.split("\\s*,\\s*"));
            return names::contains;
        }
        String regex = sinkConfig.getOrDefault("topics.regex", "");
        return regex.isBlank() ? topic -> false : Pattern.compile(regex).asMatchPredicate();
    }
}
