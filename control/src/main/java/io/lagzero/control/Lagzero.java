package io.lagzero.control;

import io.lagzero.connector.SetupException;
import io.lagzero.control.backfill.BackfillCommand;
import io.lagzero.control.cli.ConfigFile;
import io.lagzero.control.cli.UserError;
import io.lagzero.control.cli.UsesEndpoints;
import io.lagzero.control.cutover.CutoverCommand;
import io.lagzero.control.run.RunCommand;
import io.lagzero.control.status.StatusCommand;
import io.lagzero.control.verify.VerifyCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code lagzero} command. */
@Command(name = "lagzero", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Moves a live MySQL/MariaDB database to a new database with zero downtime.",
        subcommands = {RunCommand.class, StatusCommand.class, VerifyCommand.class, CutoverCommand.class, BackfillCommand.class})
public final class Lagzero {
    /** An {@link OptionalCommand} lagzero knows of: its --help line, and how to get it when its module is missing. */
    private record KnownOptionalCommand(String name, String description, String fix) {
    }

    private static final List<KnownOptionalCommand> OPTIONAL_COMMANDS = List.of(new KnownOptionalCommand("demo",
            OptionalCommand.DEMO_DESCRIPTION,
            "run bin/lagzero demo from a lagzero checkout, which builds the demo module (demo/) on first use"));

    public static void main(String[] args) {
        Logger.getLogger("").setLevel(Level.WARNING);
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command; problems the user can fix are one line on {@code err} and exit code 2. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            CommandLine cli = commandLine(args);
            cli.setOut(out);
            cli.setErr(err);
            return cli.execute(args);
        } catch (SetupException | UserError e) {
            err.println("lagzero: " + e.getMessage());
            return 2;
        }
    }

    /** The command line, with the defaults of {@code --config FILE} (run, verify) read before parsing. */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new Lagzero());
        addOptionalCommands(cli);
        // After every subcommand is added: these settings reach only the subcommands present.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Lagzero::usageError);
        configFile(args).ifPresent(path -> {
            ConfigFile file = ConfigFile.load(path);
            file.requireKnownKeys(optionNames(cli));
            for (CommandLine subcommand : cli.getSubcommands().values()) {
                if (subcommand.getCommand() instanceof UsesEndpoints command) {
                    subcommand.setDefaultValueProvider(file.defaults());
                    command.endpoints().useConfigFile(file);
                }
            }
        });
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            Throwable cause = error;
            while (!isUserError(cause) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (isUserError(cause)) {
                commandLine.getErr().println("lagzero: " + cause.getMessage());
                return 2;
            }
            throw error;
        });
        return cli;
    }

    /** The optional commands on the classpath; a stand-in naming the fix for each one missing. */
    private static void addOptionalCommands(CommandLine cli) {
        for (OptionalCommand optional : ServiceLoader.load(OptionalCommand.class)) {
            cli.addSubcommand(optional.command());
        }
        for (KnownOptionalCommand known : OPTIONAL_COMMANDS) {
            if (!cli.getSubcommands().containsKey(known.name())) {
                CommandLine missing = new CommandLine(new MissingCommand(known.fix()));
                missing.getCommandSpec().usageMessage().description(known.description());
                cli.addSubcommand(known.name(), missing);
            }
        }
    }

    /** A problem the user can fix: lagzero's own, or the source's setup as the connector finds it. */
    private static boolean isUserError(Throwable e) {
        return e instanceof UserError || e instanceof SetupException;
    }

    /**
     * A usage error in one line, naming the fix. Unknown arguments are named only when they look like
     * options: the word after a mistyped option may be a secret.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        String problem;
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> options = unmatched.getUnmatched().stream().filter(arg -> arg.startsWith("-"))
                    .map(arg -> arg.replaceFirst("=.*", "")).toList();
            Optional<String> password = options.stream().filter(option -> option.endsWith("-password")).findFirst();
            if (password.isPresent()) {
                String variable = "LAGZERO_" + password.get().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
                command.getErr().println("lagzero: " + password.get() + ": passwords are never taken from the command line, "
                        + "where other users see them (ps, shell history). Fix: export " + variable + "=… or put "
                        + password.get().replaceFirst("^-+", "") + "=… in the --config file");
                return 2;
            }
            List<String> suggestions = unmatched.getSuggestions();
            problem = options.isEmpty() ? "unexpected argument" + (unmatched.getUnmatched().size() > 1 ? "s" : "")
                    + " (options start with --)" : "unknown option " + String.join(", ", options)
                    + (suggestions.isEmpty() ? "" : " (did you mean " + suggestions.get(0) + "?)");
        } else {
            problem = e.getMessage();
        }
        command.getErr().println(name + ": " + problem + ". Fix: see " + name + " --help");
        return 2;
    }

    /** The long option names of every command, without dashes: the keys a --config file may hold. */
    private static Set<String> optionNames(CommandLine cli) {
        Set<String> names = new TreeSet<>();
        for (CommandLine subcommand : cli.getSubcommands().values()) {
            subcommand.getCommandSpec().options().forEach(option -> names.add(option.longestName().replaceFirst("^-+", "")));
        }
        return names;
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
