package io.lagzero.sink.apply;

import java.time.Duration;
import java.util.Optional;

/**
 * How a batch that failed transiently (lost connection, deadlock, lock wait timeout, a restarting
 * target) is retried, the same for the Kafka Connect task and {@code lagzero run}: up to
 * {@code maxRetries} times, the first after {@code backoff}, each later one after twice the previous
 * wait, never more than {@link #MAX_BACKOFF}. With the defaults a target that stays unreachable
 * for about five minutes fails the sink; a restart or failover in between is ridden out.
 */
public record RetryPolicy(int maxRetries, Duration backoff) {
    public static final int MAX_RETRIES_DEFAULT = 10;
    public static final long BACKOFF_MS_DEFAULT = 1000L;
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    public static final RetryPolicy DEFAULT = new RetryPolicy(MAX_RETRIES_DEFAULT, Duration.ofMillis(BACKOFF_MS_DEFAULT));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries is " + maxRetries + ". Fix: use 0 or more");
        }
        if (backoff == null || backoff.isNegative()) {
            throw new IllegalArgumentException("backoff is " + backoff + ". Fix: use 0 ms or more");
        }
    }

    /** The wait before retry number {@code retry} (1 for the first); empty once the retries are used up. */
    public Optional<Duration> waitBefore(int retry) {
        if (retry < 1 || retry > maxRetries) {
            return Optional.empty();
        }
        Duration wait = backoff.multipliedBy(1L << Math.min(retry - 1, 20));
        return Optional.of(wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait);
    }

    /** The longest a failure may last before the retries are used up (the sum of every wait). */
    public Duration patience() {
        Duration total = Duration.ZERO;
        for (int retry = 1; retry <= maxRetries; retry++) {
            total = total.plus(waitBefore(retry).orElseThrow());
        }
        return total;
    }
}
