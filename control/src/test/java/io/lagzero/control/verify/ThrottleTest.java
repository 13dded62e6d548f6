package io.lagzero.control.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --max-rows-per-sec}: reads never run ahead of the rate; 0 never waits. */
class ThrottleTest {
    @Test
    void readsAreHeldToTheRate() throws InterruptedException {
        Throttle throttle = new Throttle(2_000);
        long started = System.nanoTime();
        for (int chunk = 0; chunk < 4; chunk++) {
            throttle.pace(500);
        }
        assertThat((System.nanoTime() - started) / 1e9).as("2,000 rows at 2,000 rows/s").isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void noLimitNeverWaits() throws InterruptedException {
        Throttle throttle = new Throttle(0);
        long started = System.nanoTime();
        throttle.pace(1_000_000);
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(0.5);
    }
}
