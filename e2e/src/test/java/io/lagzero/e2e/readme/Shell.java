package io.lagzero.e2e.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/lagzero …} as a user's shell would: the real script, in a working directory of
 * the test's own (so {@code ./lagzero-data}, {@code lagzero-verify} and {@code lagzero.properties}
 * land there), with the passwords in the environment.
 */
final class Shell {
    private static final Path SCRIPT = Path.of(System.getProperty("lagzero.bin", "../bin/lagzero")).toAbsolutePath().normalize();

    /** A finished command: its exit code and everything it printed (stdout and stderr). */
    record Result(int exitCode, String output) {
    }

    private final Path directory;
    private final Map<String, String> environment;
    private int commands;

    Shell(Path directory, Map<String, String> environment) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.environment = Map.copyOf(environment);
    }

    Path directory() {
        return directory;
    }

    /** Runs the command line to its end. */
    Result run(String commandLine) throws IOException, InterruptedException {
        Process process = start(commandLine);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("'" + commandLine + "' did not end within 5 minutes: " + Files.readString(log()));
        }
        return new Result(process.exitValue(), Files.readString(log()));
    }

    /** Starts the command line; its output goes to {@link #log()}. */
    Process start(String commandLine) throws IOException {
        List<String> words = new ArrayList<>(Readme.words(commandLine));
        if (!words.get(0).equals("bin/lagzero")) {
            throw new IllegalArgumentException("not a lagzero command: " + commandLine);
        }
        words.set(0, SCRIPT.toString());
        commands++;
        ProcessBuilder builder = new ProcessBuilder(words).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log().toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The output of the command started last. */
    Path log() {
        return directory.resolve("command-" + commands + ".log");
    }
}
