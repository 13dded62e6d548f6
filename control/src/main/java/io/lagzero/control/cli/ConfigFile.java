package io.lagzero.control.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/**
 * The {@code --config} file: Java properties whose keys are the long option names without the
 * dashes ({@code source=jdbc:...}, {@code source-user=...}), plus {@code source-password} and
 * {@code target-password}; the sink connector's keys may be spelt as in a Kafka Connect config
 * ({@code ddl.policy} for {@code ddl-policy}, {@code connection.url} for {@code target}). Flags given
 * on the command line win over the file.
 */
public final class ConfigFile {
    private static final List<String> PASSWORD_KEYS = List.of("source-password", "target-password");

    private final Path file;
    private final Properties properties;

    private ConfigFile(Path file, Properties properties) {
        this.file = file;
        this.properties = properties;
    }

    public static ConfigFile none() {
        return new ConfigFile(null, new Properties());
    }

    public static ConfigFile load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UserError("Cannot read --config " + file + ": " + e.getMessage() + ". Fix: give a readable properties file.");
        }
        Properties named = new Properties();
        for (String key : properties.stringPropertyNames()) {
            String name = SinkKeys.fromPluginSpelling(key);
            if (named.containsKey(name)) {
                throw new UserError("--config " + file + " sets " + name + " twice (as " + key + " too). Fix: keep one");
            }
            named.setProperty(name, properties.getProperty(key));
        }
        return new ConfigFile(file, named);
    }

    /** Every key must be an option of some command, or a password: a misspelt key would be ignored silently. */
    public void requireKnownKeys(Set<String> optionNames) {
        Set<String> known = new TreeSet<>(optionNames);
        known.addAll(PASSWORD_KEYS);
        for (String key : properties.stringPropertyNames()) {
            if (!known.contains(key)) {
                String suggestion = known.stream().min(Comparator.comparingInt(k -> distance(k, key)))
                        .filter(k -> distance(k, key) <= 2).map(k -> "did you mean " + k + "? ").orElse("");
                throw new UserError("--config " + file + " has the unknown key '" + key + "'. Fix: " + suggestion
                        + "keys are the long option names without dashes (lagzero run --help), plus "
                        + String.join(" and ", PASSWORD_KEYS) + ", or the sink connector's keys (docs/sink-config.md)");
            }
        }
    }

    /** Levenshtein distance, to suggest the key that was meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    public CommandLine.IDefaultValueProvider defaults() {
        // picocli interpolates ${...} in default values; a value such as stage_${source.table} is meant literally.
        Properties literal = new Properties();
        properties.stringPropertyNames().forEach(key -> literal.setProperty(key, properties.getProperty(key).replace("${", "$${")));
        return new CommandLine.PropertiesDefaultProvider(literal);
    }

    /** A password from the environment variable, else from the file; never from the command line. */
    public String password(String environmentVariable, String key) {
        String fromEnvironment = System.getenv(environmentVariable);
        return fromEnvironment != null ? fromEnvironment : properties.getProperty(key, "");
    }
}
