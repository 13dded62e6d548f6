package io.lagzero.connector.rate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Work never runs ahead of the rate; a slow start is made up; 0 never waits. */
class PacerTest {
    @Test
    void workIsHeldToTheRate() throws InterruptedException {
        Pacer pacer = new Pacer(2_000);
        long started = System.nanoTime();
        for (int chunk = 0; chunk < 4; chunk++) {
            pacer.pace(500);
        }
        assertThat((System.nanoTime() - started) / 1e9).as("2,000 units at 2,000 a second").isGreaterThanOrEqualTo(0.99);
        assertThat(pacer.total()).isEqualTo(2_000);
    }

    @Test
    void whatIsDueGrowsWithTimeAndShrinksWithWorkDone() throws InterruptedException {
        Pacer pacer = new Pacer(1_000);
        Thread.sleep(300);
        long due = pacer.due();
        assertThat(due).isBetween(250L, 1_000L);
        pacer.done(due);
        assertThat(pacer.due()).isBetween(0L, 100L);
    }

    @Test
    void noLimitNeverWaits() throws InterruptedException {
        Pacer pacer = new Pacer(0);
        long started = System.nanoTime();
        pacer.pace(1_000_000);
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(0.5);
        assertThat(pacer.due()).isEqualTo(Long.MAX_VALUE);
        assertThat(pacer.limited()).isFalse();
    }
}
