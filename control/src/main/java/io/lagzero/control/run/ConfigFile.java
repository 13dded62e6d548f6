package io.lagzero.control.run;

import io.lagzero.connector.SetupException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The {@code --config} file: Java properties whose keys are the long option names without the
 * dashes ({@code source=jdbc:...}, {@code source-user=...}), plus {@code source-password} and
 * {@code target-password}. Flags given on the command line win over the file.
 */
public final class ConfigFile {
    private final Properties properties;

    private ConfigFile(Properties properties) {
        this.properties = properties;
    }

    public static ConfigFile none() {
        return new ConfigFile(new Properties());
    }

    public static ConfigFile load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new SetupException("Cannot read --config " + file + ": " + e.getMessage() + ". Fix: give a readable properties file.");
        }
        return new ConfigFile(properties);
    }

    public CommandLine.IDefaultValueProvider defaults() {
        return new CommandLine.PropertiesDefaultProvider(properties);
    }

    /** A password from the environment variable, else from the file; never from the command line. */
    public String password(String environmentVariable, String key) {
        String fromEnvironment = System.getenv(environmentVariable);
        return fromEnvironment != null ? fromEnvironment : properties.getProperty(key, "");
    }
}
