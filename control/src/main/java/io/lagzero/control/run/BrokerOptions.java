package io.lagzero.control.run;

import io.lagzero.control.cli.DurationConverter;
import io.lagzero.control.cli.UserError;
import io.lagzero.sandbox.kafka.BrokerSettings;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code lagzero run}'s embedded Kafka broker, used when no {@code --kafka} is given; why each
 * default is what it is: {@link BrokerSettings}. Its topics' partition count is {@code --topic-partitions}.
 */
public final class BrokerOptions {
    /** {@code --broker-retention forever}. */
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    @Option(names = "--broker-port", paramLabel = "PORT", defaultValue = "" + BrokerSettings.PORT_DEFAULT,
            description = "Port of the embedded Kafka broker on 127.0.0.1 (without --kafka); 0 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--broker-retention", paramLabel = "DURATION", defaultValue = "7d", converter = RetentionConverter.class,
            description = "How long the embedded broker keeps change events, e.g. 7d, 36h, or forever. If it deletes "
                    + "changes not applied yet (lagzero run stopped longer than this), the sink stops and says so "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration retention;

    /** The broker's settings ({@link Pipeline} gives it {@code --topic-partitions}). */
    public BrokerSettings settings() {
        if (port < 0 || port > 65_535) {
            throw new UserError("--broker-port " + port + " is out of range. Fix: use 1..65535, or 0 for any free port");
        }
        return new BrokerSettings(port, BrokerSettings.PARTITIONS_DEFAULT, retention.equals(FOREVER) ? Optional.empty() : Optional.of(retention));
    }

    /** A duration, or {@code forever}. */
    static final class RetentionConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.trim().toLowerCase(Locale.ROOT).equals("forever")) {
                return FOREVER;
            }
            TypeConversionException wrong = new TypeConversionException("'" + value + "' is not a retention; write e.g. 7d, 36h or forever");
            Duration retention;
            try {
                retention = new DurationConverter().convert(value);
            } catch (TypeConversionException e) {
                throw wrong;
            }
            if (retention.isZero() || retention.isNegative()) {
                throw wrong;
            }
            return retention;
        }
    }
}
