package io.lagzero.sandbox.kafka;

import java.time.Duration;
import java.util.Optional;

/**
 * How the embedded broker runs. The defaults are for {@code lagzero run} replicating a real
 * database for days or weeks, not for a test:
 *
 * <ul>
 *   <li>{@link #PORT_DEFAULT} 9484: a fixed port, so the broker has the same address after every
 *       restart (Kafka's tools, a firewall rule, a second look at the topics) and is printed once;
 *       not Kafka's 9092, which a Kafka already running on the machine would hold. 0 picks a free
 *       port each start (the demo and the tests). It listens on 127.0.0.1 only: the listener has no
 *       authentication.</li>
 *   <li>{@link #PARTITIONS_DEFAULT} 1: partitions of a topic the broker creates by itself. lagzero
 *       creates every topic it writes with an explicit count ({@code --topic-partitions} for the
 *       change topics), and {@code lagzero run} passes that count here too, so no topic ends up
 *       with a count of the broker's own choosing.</li>
 *   <li>{@link #RETENTION_DEFAULT} 7 days (Kafka's own default): change topics hold the changes
 *       the sink has not applied yet, and once it has applied them they are only disk. Keeping
 *       them forever would keep every snapshot row and every change for the whole migration;
 *       deleting them early would lose changes while {@code lagzero run} is stopped. A week
 *       covers any stop an operator notices, and if retention ever deletes changes the sink has
 *       not applied, the sink stops with a message instead of skipping them. Empty: keep forever.</li>
 * </ul>
 */
public record BrokerSettings(int port, int partitions, Optional<Duration> retention) {
    public static final int PORT_DEFAULT = 9484;
    public static final int PARTITIONS_DEFAULT = 1;
    public static final Duration RETENTION_DEFAULT = Duration.ofDays(7);
    public static final BrokerSettings DEFAULTS = new BrokerSettings(PORT_DEFAULT, PARTITIONS_DEFAULT, Optional.of(RETENTION_DEFAULT));

    public BrokerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("broker port " + port + " is not in 0..65535");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("broker partitions must be at least 1, got " + partitions);
        }
        retention = retention == null ? Optional.empty() : retention;
        retention.filter(r -> r.isNegative() || r.isZero()).ifPresent(r -> {
            throw new IllegalArgumentException("broker retention must be positive, got " + r);
        });
    }

    /** The defaults on any free port: for a broker nobody outside this process looks at (demo, tests). */
    public static BrokerSettings anyPort() {
        return DEFAULTS.withPort(0);
    }

    public BrokerSettings withPort(int port) {
        return new BrokerSettings(port, partitions, retention);
    }

    public BrokerSettings withPartitions(int partitions) {
        return new BrokerSettings(port, partitions, retention);
    }

    /** Kafka's {@code log.retention.ms}: -1 keeps records forever. */
    long retentionMillis() {
        return retention.map(Duration::toMillis).orElse(-1L);
    }
}
