package io.lagzero.control.cutover;

import io.lagzero.connector.SetupException;
import io.lagzero.control.cli.UserError;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The time the source is frozen. Whatever ends it — a failed check, an exhausted budget, an
 * unexpected exception or error, an interrupt, or SIGTERM/SIGINT (a shutdown hook registered
 * while frozen) — the source is unfrozen, unless the steps reached {@link CutoverState#SWITCHED}.
 */
final class FrozenWindow {
    static final String SIGNAL = "stopped by a signal";

    /** What runs while the source is frozen; returns through {@link #switched} or {@link #abort}. */
    interface Steps {
        Cutover.Outcome run(FrozenWindow window) throws SQLException, InterruptedException;
    }

    private enum Phase { FROZEN, SWITCHED, UNFROZEN }

    private final SourceFreeze freeze;
    private final Transitions transitions;
    private final Thread hook = new Thread(() -> abort(SIGNAL), "lagzero-cutover-unfreeze");
    private long frozenAt;
    private Phase phase = Phase.FROZEN;
    private Cutover.Outcome outcome;

    FrozenWindow(SourceFreeze freeze, Transitions transitions) {
        this.freeze = freeze;
        this.transitions = transitions;
    }

    /**
     * Freezes the source, runs the steps, and unfreezes it unless they switched. A signal during
     * the freeze itself waits for it to finish, then undoes it.
     */
    Cutover.Outcome run(Steps steps) throws InterruptedException {
        frozenAt = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            synchronized (this) {
                freeze.freeze();
            }
            transitions.enter(CutoverState.FROZEN, "writes frozen with " + freeze.describe());
            return steps.run(this);
        } catch (SQLException | RuntimeException e) {
            return abort(reason(e));
        } catch (InterruptedException | Error e) {
            abort("stopped by " + e);
            throw e;
        } finally {
            abort("stopped before the cutover could finish");
            removeHook();
        }
    }

    /** Ends the window with the source still frozen: the application moves to the target. */
    synchronized Cutover.Outcome switched(String detail) {
        if (phase == Phase.FROZEN) {
            phase = Phase.SWITCHED;
            outcome = end(CutoverState.SWITCHED, detail);
        }
        return outcome;
    }

    /** Unfreezes the source and ends in aborted, saying why; the first end counts, later ones change nothing. */
    synchronized Cutover.Outcome abort(String why) {
        if (phase == Phase.FROZEN) {
            phase = Phase.UNFROZEN;
            String unfrozen = unfreeze();
            outcome = end(CutoverState.ABORTED, why + "; " + unfrozen + " after " + elapsed().toMillis() + " ms");
        }
        return outcome;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - frozenAt);
    }

    /** What is left of {@code budget}; zero when it is spent. */
    Duration remaining(Duration budget) {
        Duration left = budget.minus(elapsed());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The hook that unfreezes on SIGTERM/SIGINT, for a test to run as the JVM would. */
    Thread shutdownHook() {
        return hook;
    }

    private String unfreeze() {
        boolean interrupted = Thread.interrupted();
        try {
            freeze.unfreeze();
            return "writes unfrozen";
        } catch (RuntimeException e) {
            return "UNFREEZING FAILED: " + e.getMessage();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Cutover.Outcome end(CutoverState state, String detail) {
        transitions.enter(state, detail);
        return new Cutover.Outcome(state, elapsed(), detail);
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is stopping: the hook runs (or ran) and unfreezes.
        }
    }

    private static String reason(Exception e) {
        if (e instanceof SQLException || e instanceof SetupException || e instanceof UserError
                || e instanceof Cutover.MismatchException) {
            return e.getMessage();
        }
        return "unexpected " + e;
    }
}
