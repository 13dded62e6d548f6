package io.lagzero.connectclient;

import java.util.List;
import java.util.Optional;

/** A connector's state and its tasks' states, as Kafka Connect's REST API reports them. */
public record ConnectorStatus(String name, String state, String trace, List<Task> tasks) {
    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";
    public static final String PAUSED = "PAUSED";
    /** The REST API does not know the connector. */
    public static final String UNKNOWN = "UNKNOWN";

    public record Task(int id, String state, String trace) {
    }

    /** The connector and exactly {@code expectedTasks} tasks are RUNNING. */
    public boolean isRunning(int expectedTasks) {
        return RUNNING.equals(state) && tasks.size() == expectedTasks
                && tasks.stream().allMatch(task -> RUNNING.equals(task.state()));
    }

    /** The stack trace of the connector or of its first FAILED task. */
    public Optional<String> failure() {
        if (FAILED.equals(state)) {
            return Optional.of(trace);
        }
        return tasks.stream().filter(task -> FAILED.equals(task.state())).findFirst()
                .map(task -> "task " + task.id() + ": " + task.trace());
    }
}
