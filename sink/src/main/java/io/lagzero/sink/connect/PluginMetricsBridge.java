package io.lagzero.sink.connect;

import io.lagzero.sink.metrics.SinkMeters;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import java.util.LinkedHashMap;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * Publishes a task's Micrometer meters as Kafka Connect plugin metrics, which the worker's JMX
 * reporter shows as {@code kafka.connect:type=plugins,connector=…,task=…,<meter tags>} with one
 * attribute per measurement: {@code lagzero.sink.records} counting becomes
 * {@code lagzero-sink-records-total}, a gauge in seconds {@code lagzero-replication-lag-seconds}, a
 * timer {@code …-seconds-count}, {@code …-seconds-sum}, {@code …-seconds-max}. All but the backlog
 * in records, which a task cannot know (the consumer group's offsets tell it, see lagzero status).
 */
final class PluginMetricsBridge {
    private PluginMetricsBridge() {
    }

    /** Publishes every meter the registry has and gets from now on. */
    static void bind(MeterRegistry registry, PluginMetrics plugin) {
        registry.forEachMeter(meter -> publish(meter, plugin));
        registry.config().onMeterAdded(meter -> publish(meter, plugin));
    }

    private static void publish(Meter meter, PluginMetrics plugin) {
        if (meter.getId().getName().equals(SinkMeters.BACKLOG_RECORDS)) {
            // A task does not see its consumer's end offsets: it would publish a backlog of 0.
            return;
        }
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        meter.getId().getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
        String description = meter.getId().getDescription() == null ? "" : meter.getId().getDescription();
        for (Measurement measurement : meter.measure()) {
            String name = name(meter.getId(), measurement.getStatistic());
            try {
                plugin.addMetric(plugin.metricName(name, description, tags), (Gauge<Double>) (config, now) -> measurement.getValue());
            } catch (IllegalArgumentException alreadyPublished) {
                // the same meter seen by forEachMeter and onMeterAdded
            }
        }
    }

    static String name(Meter.Id id, Statistic statistic) {
        String base = id.getName().replace('.', '-') + (id.getBaseUnit() == null ? "" : "-" + id.getBaseUnit());
        return switch (statistic) {
            case COUNT -> id.getType() == Meter.Type.COUNTER ? base + "-total" : base + "-count";
            case TOTAL, TOTAL_TIME -> base + "-sum";
            case MAX -> base + "-max";
            default -> base;
        };
    }
}
