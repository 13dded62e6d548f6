package io.lagzero.sink.connect;

import io.lagzero.sink.apply.TargetSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * The sink task's typed settings.
 *
 * @param target where and how changes are applied (its toString masks the password)
 * @param maxRetries how often one batch is retried after transient failures before the task fails
 * @param retryBackoff the pause before each retry
 */
public record SinkSettings(TargetSettings target, int maxRetries, Duration retryBackoff) {
    public SinkSettings {
        Objects.requireNonNull(target, "target");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries is " + maxRetries + ". Fix: use 0 or more");
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new IllegalArgumentException("retryBackoff is " + retryBackoff + ". Fix: use 0 ms or more");
        }
    }
}
