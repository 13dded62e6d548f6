package io.lagzero.sink.connect;

import io.lagzero.sink.apply.RetryPolicy;
import io.lagzero.sink.apply.TargetSettings;
import java.util.Objects;

/**
 * The sink's typed settings, for the Kafka Connect task and {@code lagzero run} alike.
 *
 * @param target where and how changes are applied (its toString masks the password)
 * @param retries how a batch that failed transiently is retried before the sink fails
 */
public record SinkSettings(TargetSettings target, RetryPolicy retries) {
    public SinkSettings {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(retries, "retries");
    }
}
