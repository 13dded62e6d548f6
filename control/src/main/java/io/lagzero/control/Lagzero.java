package io.lagzero.control;

import io.lagzero.connector.SetupException;
import io.lagzero.control.cutover.CutoverCommand;
import io.lagzero.control.demo.DemoCommand;
import io.lagzero.control.run.ConfigFile;
import io.lagzero.control.run.RunCommand;
import io.lagzero.control.run.UsesEndpoints;
import io.lagzero.control.status.StatusCommand;
import io.lagzero.control.verify.VerifyCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lagzero} command. */
@Command(name = "lagzero", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Moves a live MySQL/MariaDB database to a new database with zero downtime.",
        subcommands = {RunCommand.class, StatusCommand.class, VerifyCommand.class, CutoverCommand.class, DemoCommand.class})
public final class Lagzero {

    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command; problems the user can fix are one line on {@code err} and exit code 2. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            CommandLine cli = commandLine(args);
            cli.setOut(out);
            cli.setErr(err);
            return cli.execute(args);
        } catch (SetupException e) {
            err.println("lagzero: " + e.getMessage());
            return 2;
        }
    }

    /** The command line, with the defaults of {@code --config FILE} (run, verify) read before parsing. */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Lagzero());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        configFile(args).ifPresent(path -> {
            ConfigFile file = ConfigFile.load(path);
            for (CommandLine subcommand : cli.getSubcommands().values()) {
                if (subcommand.getCommand() instanceof UsesEndpoints command) {
                    subcommand.setDefaultValueProvider(file.defaults());
                    command.endpoints().useConfigFile(file);
                }
            }
        });
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            Throwable cause = error;
            while (!(cause instanceof SetupException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof SetupException) {
                commandLine.getErr().println("lagzero: " + cause.getMessage());
                return 2;
            }
            throw error;
        });
        return cli;
    }

    private static Optional<Path> configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Optional.of(Path.of(args[i + 1]));
            }
            if (args[i].startsWith("--config=")) {
                return Optional.of(Path.of(args[i].substring("--config=".length())));
            }
        }
        return Optional.empty();
    }
}
