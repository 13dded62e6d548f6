package io.lagzero.sink.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    @Test
    void eachRetryWaitsTwiceAsLongUpToAMinuteUntilTheRetriesAreUsedUp() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        assertThat(policy.waitBefore(1)).contains(Duration.ofSeconds(1));
        assertThat(policy.waitBefore(2)).contains(Duration.ofSeconds(2));
        assertThat(policy.waitBefore(6)).contains(Duration.ofSeconds(32));
        assertThat(policy.waitBefore(7)).contains(Duration.ofSeconds(60));
        assertThat(policy.waitBefore(10)).contains(Duration.ofSeconds(60));
        assertThat(policy.waitBefore(11)).isEmpty();
        assertThat(policy.patience()).as("a target gone this long fails the sink").isEqualTo(Duration.ofSeconds(303));
    }

    @Test
    void noRetriesAndBadValues() {
        assertThat(new RetryPolicy(0, Duration.ofSeconds(1)).waitBefore(1)).isEmpty();
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO)).hasMessageContaining("Fix:");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofMillis(-1))).hasMessageContaining("Fix:");
    }
}
