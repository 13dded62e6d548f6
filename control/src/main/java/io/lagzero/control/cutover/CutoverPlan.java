package io.lagzero.control.cutover;

import io.lagzero.control.status.StatusEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The budgets and switches of one cutover.
 *
 * @param statusUrl the running {@code lagzero run}'s HTTP address, whose {@code /status} gates readiness
 * @param verifyStateDir where {@code lagzero verify} recorded its last finished pass
 * @param verifyMaxAge how old that pass may be (it must also be clean and cover every table)
 * @param maxLag the end-to-end lag under which the pipeline counts as caught up
 * @param maxDowntime how long the source may stay frozen before the cutover gives up and unfreezes
 * @param webhook where each transition is posted; null for none
 * @param dryRun run every check, freeze nothing
 * @param hold after the drain, wait for the operator's confirmation before declaring the switch
 */
public record CutoverPlan(StatusEndpoint statusUrl, Path verifyStateDir, Duration verifyMaxAge, Duration maxLag,
        Duration maxDowntime, URI webhook, boolean dryRun, boolean hold) {
}
