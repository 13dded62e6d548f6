package io.lagzero.connector.rate;

/**
 * Holds work to a rate, in units per second (rows, writes, changes). The caller says how many units
 * it did; {@link #pace} then sleeps until the rate allows them. Time counts from the pacer's start,
 * so a slow moment is made up afterwards, never beyond the rate on average. A rate of 0 or less is
 * no limit: nothing waits. One pacer for {@code lagzero verify --max-rows-per-sec}, the demo's live
 * writer, the benchmark's change writer and the end-to-end tests' workload.
 */
public final class Pacer {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long perSecond;
    private final long started = System.nanoTime();
    private long done;

    /** @param perSecond units a second; 0 or less: no limit */
    public Pacer(long perSecond) {
        this.perSecond = perSecond;
    }

    public boolean limited() {
        return perSecond > 0;
    }

    /** Units the rate allows by now and not done yet; {@link Long#MAX_VALUE} without a limit. */
    public long due() {
        if (!limited()) {
            return Long.MAX_VALUE;
        }
        return (long) ((System.nanoTime() - started) / (double) NANOS_PER_SECOND * perSecond) - done;
    }

    /** Counts units done, without waiting. */
    public void done(long units) {
        done += units;
    }

    /** Counts units done, then waits until the rate allows them (at once when it already does). */
    public void pace(long units) throws InterruptedException {
        done(units);
        if (!limited()) {
            return;
        }
        long ahead = started + (long) (done * (double) NANOS_PER_SECOND / perSecond) - System.nanoTime();
        if (ahead > 0) {
            Thread.sleep(ahead / 1_000_000, (int) (ahead % 1_000_000));
        }
    }

    /** Every unit counted so far. */
    public long total() {
        return done;
    }
}
