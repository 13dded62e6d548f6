package io.lagzero.control.run;

/** A command with {@link EndpointOptions}, whose defaults a {@code --config} file may supply. */
public interface UsesEndpoints {
    EndpointOptions endpoints();
}
