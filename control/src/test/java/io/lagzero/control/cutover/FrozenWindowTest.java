package io.lagzero.control.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever ends a cutover while the source is frozen unfreezes it, unless it switched. The freeze
 * here is the operator's own commands, creating and removing a flag file.
 */
class FrozenWindowTest {
    @TempDir
    Path dir;

    private final StringWriter printed = new StringWriter();

    @Test
    void anUnexpectedRuntimeExceptionAfterTheFreezeUnfreezesAndAborts() throws Exception {
        FrozenWindow window = window();

        Cutover.Outcome outcome = window.run(w -> {
            assertThat(frozen()).isTrue();
            throw new IllegalStateException("a bug");
        });

        assertThat(frozen()).isFalse();
        assertThat(outcome.state()).isEqualTo(CutoverState.ABORTED);
        assertThat(outcome.detail()).startsWith("unexpected java.lang.IllegalStateException: a bug; writes unfrozen after");
        assertThat(printed.toString()).contains("lagzero cutover: frozen", "lagzero cutover: aborted — unexpected");
        assertThat(Runtime.getRuntime().removeShutdownHook(window.shutdownHook())).as("hook removed").isFalse();
    }

    @Test
    void anErrorOrAnInterruptUnfreezesAndIsPassedOn() {
        assertThatThrownBy(() -> window().run(w -> {
            throw new StackOverflowError("deep");
        })).isInstanceOf(StackOverflowError.class);
        assertThat(frozen()).isFalse();
        assertThat(printed.toString()).contains("aborted — stopped by java.lang.StackOverflowError: deep; writes unfrozen");

        assertThatThrownBy(() -> window().run(w -> {
            Thread.currentThread().interrupt();
            new CountDownLatch(1).await();
            return w.switched("not reached");
        })).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("the interrupt is kept").isFalse();
        assertThat(frozen()).as("unfrozen although the thread was interrupted").isFalse();
    }

    @Test
    void aSignalWhileFrozenUnfreezesAndAbortsOnce() throws Exception {
        Cutover.Outcome outcome = window().run(w -> {
            w.shutdownHook().run();
            assertThat(frozen()).isFalse();
            return w.switched("too late");
        });

        assertThat(outcome.state()).isEqualTo(CutoverState.ABORTED);
        assertThat(outcome.detail()).startsWith("stopped by a signal; writes unfrozen after");
        assertThat(printed.toString()).doesNotContain("switched").containsOnlyOnce("aborted");
    }

    @Test
    void aSwitchedCutoverLeavesTheSourceFrozenAndASignalAfterwardsChangesNothing() throws Exception {
        FrozenWindow window = window();
        Cutover.Outcome outcome = window.run(w -> w.switched("switch now"));

        assertThat(outcome.state()).isEqualTo(CutoverState.SWITCHED);
        window.shutdownHook().run();
        assertThat(frozen()).isTrue();
        assertThat(printed.toString()).contains("switched — switch now").doesNotContain("aborted");
    }

    @Test
    void aFailedChecksAbortNamesItsReason() throws Exception {
        Cutover.Outcome outcome = window().run(w -> {
            throw new Cutover.MismatchException("app.items has 1030 rows on the source but 1029 in the target");
        });
        assertThat(outcome.detail()).startsWith("app.items has 1030 rows on the source but 1029 in the target; writes unfrozen");
        assertThat(frozen()).isFalse();
    }

    private FrozenWindow window() {
        Path flag = dir.resolve("frozen");
        SourceFreeze freeze = SourceFreeze.commands("touch '" + flag + "'", "rm -f '" + flag + "'", Duration.ofSeconds(10));
        return new FrozenWindow(freeze, new Transitions(new PrintWriter(printed, true), null, Clock.systemUTC()));
    }

    private boolean frozen() {
        return Files.exists(dir.resolve("frozen"));
    }
}
