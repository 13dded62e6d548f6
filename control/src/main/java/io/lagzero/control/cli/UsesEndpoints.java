package io.lagzero.control.cli;

/** A command with {@link EndpointOptions}, whose defaults a {@code --config} file may supply. */
public interface UsesEndpoints {
    EndpointOptions endpoints();
}
