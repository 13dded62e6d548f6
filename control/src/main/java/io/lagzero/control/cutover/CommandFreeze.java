package io.lagzero.control.cutover;

import io.lagzero.control.cli.UserError;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Freezes the application's writes with the operator's own commands (e.g. a feature flag, a load
 * balancer switch, a call to the application's admin API), run with {@code sh -c}. A command that
 * exits non-zero or outlasts its timeout fails the step.
 */
final class CommandFreeze implements SourceFreeze {
    private final String freezeCommand;
    private final String unfreezeCommand;
    private final Duration timeout;

    CommandFreeze(String freezeCommand, String unfreezeCommand, Duration timeout) {
        this.freezeCommand = freezeCommand;
        this.unfreezeCommand = unfreezeCommand;
        this.timeout = timeout;
    }

    @Override
    public void check() {
        if (unfreezeCommand == null || unfreezeCommand.isBlank()) {
            throw new UserError("--freeze-command needs --unfreeze-command too. Fix: give the command that lets "
                    + "the application write again; lagzero runs it when the cutover cannot finish in time");
        }
    }

    @Override
    public void freeze() {
        run("--freeze-command", freezeCommand);
    }

    @Override
    public void unfreeze() {
        run("--unfreeze-command", unfreezeCommand);
    }

    @Override
    public String describe() {
        return "the --freeze-command";
    }

    private void run(String option, String command) {
        try {
            Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new UserError(option + " did not finish within " + timeout.toMillis() + " ms");
            }
            if (process.exitValue() != 0) {
                throw new UserError(option + " exited with " + process.exitValue() + " (its output is above)");
            }
        } catch (IOException e) {
            throw new UserError("Cannot run " + option + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(option + " was interrupted", e);
        }
    }
}
