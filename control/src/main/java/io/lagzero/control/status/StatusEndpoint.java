package io.lagzero.control.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lagzero.control.cli.UserError;
import io.lagzero.control.health.PipelineStatus;
import io.lagzero.control.health.StatusJson;
import java.net.URI;

/**
 * The {@code /status} of a running {@code lagzero run}, read by {@code lagzero status} and by
 * {@code lagzero cutover}: the address as the user gave it ({@code host:port} or a URL), the answer
 * within a few seconds, and every failure as one line naming the address and the fix.
 */
public final class StatusEndpoint {
    public static final String EXAMPLE = "http://localhost:8484";

    /** Why the status could not be read: one line ending with the fix. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private final String option;
    private final URI base;

    private StatusEndpoint(String option, URI base) {
        this.option = option;
        this.base = base;
    }

    /**
     * @param option the option that named it ({@code --url}, {@code --status-url}), for messages
     * @throws UserError when {@code text} is not an HTTP address
     */
    public static StatusEndpoint of(String option, String text) {
        return new StatusEndpoint(option, HttpAddress.parse(option, text, EXAMPLE));
    }

    /** Where {@code lagzero run} serves HTTP, e.g. {@code http://localhost:8484}. */
    public URI base() {
        return base;
    }

    public URI url() {
        return URI.create(base + "/status");
    }

    public PipelineStatus read() throws Unreadable, InterruptedException {
        String body;
        try {
            body = HttpGet.body(url());
        } catch (HttpGet.Failed e) {
            throw new Unreadable(e.getMessage() + ". Fix: start lagzero run, or give " + option
                    + " the address of its --http-port");
        }
        try {
            PipelineStatus status = StatusJson.read(body);
            if (status == null || status.state() == null) {
                throw new Unreadable(notStatus());
            }
            return status;
        } catch (JsonProcessingException e) {
            throw new Unreadable(notStatus());
        }
    }

    private String notStatus() {
        return url() + " did not answer with lagzero run's status JSON. Fix: give " + option
                + " the address of lagzero run's --http-port";
    }
}
