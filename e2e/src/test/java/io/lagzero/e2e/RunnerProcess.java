package io.lagzero.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code lagzero run} (or another lagzero command) in a child JVM, so a test can kill it or signal it. */
final class RunnerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private RunnerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static RunnerProcess start(Path log, Map<String, String> environment, String... args) throws IOException {
        return lagzero(log, environment, "run", args);
    }

    /** {@code lagzero COMMAND ARGS} with its standard input an open pipe that nothing is written to. */
    static RunnerProcess lagzero(Path log, Map<String, String> environment, String command, String... args)
            throws IOException {
        String classpath = Files.readString(Path.of("target", "runner.classpath")).trim()
                + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        List<String> line = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-cp", classpath,
                "io.lagzero.control.Lagzero", command));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new RunnerProcess(builder.start(), log);
    }

    /** Like a crash: SIGKILL, no shutdown hooks, no final offset commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Like Ctrl-C / SIGTERM; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    /**
     * SIGTERM and nothing else, as {@code kill PID} sends it: unlike {@link #stop}
     * ({@link Process#destroy}), which also closes the child's standard input, so that a child
     * reading it sees its end before the signal arrives. Returns the exit code.
     */
    int terminate() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
