package io.lagzero.control;

/**
 * A {@code lagzero} subcommand that ships in a module of its own and is found on the classpath at
 * run time with {@link java.util.ServiceLoader}: {@code lagzero demo} (module {@code demo/}), whose
 * sandbox database binaries (about 160 MB) {@code lagzero run} does not carry. Implementations are
 * listed in {@code META-INF/services/io.lagzero.control.OptionalCommand}.
 */
public interface OptionalCommand {
    /**
     * {@code lagzero demo}'s line in {@code lagzero --help}, here so that the help lists the demo
     * with or without its module (bin/lagzero runs the demo from it either way).
     */
    String DEMO_DESCRIPTION = "Runs a zero-downtime migration on sandbox servers it starts itself, then proves target = source.";

    /** A new picocli command object: an instance of a class annotated with {@code @Command(name = …)}. */
    Object command();
}
