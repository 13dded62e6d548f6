package io.lagzero.sink.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleTest {
    @Test
    void workersTogetherCopyNoMoreRowsPerSecondThanTheLimit() throws Exception {
        // No load limit: the source is never asked, so none is needed.
        try (Throttle throttle = new Throttle(new BackfillSettings(3, 1000, 20_000, 0), null)) {
            long started = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Thread worker = new Thread(() -> {
                    try {
                        for (int chunk = 0; chunk < 20; chunk++) {
                            throttle.beforeChunk(1000);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                workers.add(worker);
                worker.start();
            }
            for (Thread worker : workers) {
                worker.join();
            }
            // 60,000 rows at 20,000 rows/s: the last chunk may start after 59,000 rows' worth, 2.95 s.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2_900));
            assertThat(throttle.reason()).isEmpty();
        }
    }
}
