package io.lagzero.control.verify;

import io.lagzero.control.cli.UserError;
import io.lagzero.connector.TableId;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code lagzero verify} reads and judges.
 *
 * @param chunkSize most rows of one side in one chunk
 * @param maxRowsPerSecond most rows read per second from each side; 0 is no limit
 * @param recheckTimeout how long differing rows are re-read before they count as persistent
 * @param stateDir where the pass's progress and the last finished pass are kept
 * @param resume continue the unfinished pass in {@code stateDir}
 * @param repair send persistently differing rows through the pipeline again
 * @param signalTable the source's Debezium signal table for {@code repair}; null: lagzero's default
 */
public record VerifySettings(int chunkSize, long maxRowsPerSecond, Duration recheckTimeout, Path stateDir,
        boolean resume, boolean repair, TableId signalTable) {
    public static final int MAX_CHUNK_SIZE = 1_000_000;

    public VerifySettings(int chunkSize, long maxRowsPerSecond, Duration recheckTimeout, Path stateDir, boolean resume) {
        this(chunkSize, maxRowsPerSecond, recheckTimeout, stateDir, resume, false, null);
    }

    public VerifySettings {
        if (chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
            throw new UserError("--chunk-size " + chunkSize + " is out of range. Fix: use 1.." + MAX_CHUNK_SIZE
                    + " (default 10000)");
        }
        if (maxRowsPerSecond < 0) {
            throw new UserError("--max-rows-per-sec " + maxRowsPerSecond + " is negative. Fix: use 0 (no limit) or more");
        }
        if (recheckTimeout.isNegative()) {
            throw new UserError("--recheck-timeout " + recheckTimeout + " is negative. Fix: use 0s or more, e.g. 30s");
        }
    }
}
