package io.lagzero.control.cutover;

import io.lagzero.control.verify.LastPass;
import io.lagzero.sink.event.TableId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The newest finished {@code lagzero verify} pass decides: it must be clean, cover every table
 * and be younger than {@code --verify-max-age}. An older clean pass counts for nothing once a
 * newer one found differences.
 */
final class VerificationGate {
    private final Path stateDir;
    private final Duration maxAge;
    private final Clock clock;

    VerificationGate(Path stateDir, Duration maxAge, Clock clock) {
        this.stateDir = stateDir;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Why the verification does not allow the cutover; empty when it does. Appends what was checked to the summary. */
    List<String> unmet(List<TableId> tables, StringBuilder summary) {
        Optional<LastPass> last = LastPass.read(stateDir);
        if (last.isEmpty()) {
            return List.of("no finished verification in " + stateDir + ". Fix: run lagzero verify --state-dir " + stateDir);
        }
        LastPass pass = last.get();
        long age = Duration.between(pass.finishedAt(), clock.instant()).toSeconds();
        List<String> unmet = new ArrayList<>();
        if (!pass.tables("different").isEmpty()) {
            unmet.add("the last verification (" + age + " s ago) found differences in "
                    + String.join(", ", pass.tables("different")) + ". Fix: repair them (lagzero verify --repair) "
                    + "and verify again");
        }
        if (!pass.tables("error").isEmpty()) {
            unmet.add("the last verification (" + age + " s ago) could not compare "
                    + String.join(", ", pass.tables("error")) + ". Fix: see lagzero verify's output for why, then verify again");
        }
        if (!pass.clean() && unmet.isEmpty()) {
            unmet.add("the last verification (" + age + " s ago) was not clean. Fix: run lagzero verify again");
        }
        if (pass.clean()) {
            summary.append(", verified clean ").append(age).append(" s ago");
        }
        if (age > maxAge.toSeconds()) {
            unmet.add("the last verification finished " + age + " s ago, longer than --verify-max-age "
                    + maxAge.toSeconds() + " s. Fix: run lagzero verify again");
        }
        List<String> missing = tables.stream().map(TableId::toString).filter(t -> !pass.tableNames().contains(t)).toList();
        if (!missing.isEmpty()) {
            unmet.add("the last verification did not cover " + String.join(", ", missing)
                    + ". Fix: run lagzero verify with --tables covering every replicated table");
        }
        return unmet;
    }
}
