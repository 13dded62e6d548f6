package io.lagzero.control.run;

import io.lagzero.sink.apply.ApplyResult;
import java.util.concurrent.atomic.AtomicLong;

/** What the sink has committed to the target so far. */
public final class SinkProgress {
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong newestSourceMillis = new AtomicLong();
    private final AtomicLong lastCommitMillis = new AtomicLong();

    void record(ApplyResult result) {
        applied.addAndGet(result.upserted() + result.deleted());
        result.maxSourceTsMs().ifPresent(ts -> newestSourceMillis.accumulateAndGet(ts, Math::max));
        lastCommitMillis.set(System.currentTimeMillis());
    }

    /** Rows upserted or deleted in the target (after collapsing several changes of one key). */
    public long appliedRows() {
        return applied.get();
    }

    /** Source commit time (epoch ms) of the newest change committed in the target. */
    public long newestSourceMillis() {
        return newestSourceMillis.get();
    }
}
