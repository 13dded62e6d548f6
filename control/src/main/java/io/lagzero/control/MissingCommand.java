package io.lagzero.control;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * Stands in for an {@link OptionalCommand} whose module is not on the classpath: listed in
 * {@code lagzero --help} as the command itself, but whatever the arguments, it prints one line
 * naming the fix and exits with 2.
 */
@Command
final class MissingCommand implements Callable<Integer> {
    private final String fix;

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> arguments;

    MissingCommand(String fix) {
        this.fix = fix;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(spec.qualifiedName() + ": not on this lagzero's classpath (a module of its own). Fix: " + fix);
        return 2;
    }
}
