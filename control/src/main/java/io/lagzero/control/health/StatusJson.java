package io.lagzero.control.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** {@link PipelineStatus} as the JSON that {@code /status} serves and {@code lagzero status} reads. */
public final class StatusJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusJson() {
    }

    public static String write(PipelineStatus status) throws JsonProcessingException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status);
    }

    public static PipelineStatus read(String json) throws JsonProcessingException {
        return JSON.readValue(json, PipelineStatus.class);
    }
}
