package io.lagzero.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample connector configs in {@code deploy/connect/}, with their {@code ${NAME}}
 * placeholders filled in, as a user following {@code deploy/connect/README.md} would.
 */
public final class ConnectorConfigs {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");
    private static final Path DIR = Path.of(System.getProperty("lagzero.deploy.connect.dir", "../deploy/connect"));

    public record ConnectorConfig(String name, Map<String, String> config) {
    }

    private ConnectorConfigs() {
    }

    /** Loads {@code file}, replacing every placeholder; one without a value fails the test. */
    public static ConnectorConfig load(String file, Map<String, String> values) throws IOException {
        String text = Files.readString(DIR.resolve(file));
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException(file + " has the placeholder " + matcher.group() + " but the test gave no value");
            }
            // The values end up inside JSON strings.
            String json = new ObjectMapper().writeValueAsString(value);
            matcher.appendReplacement(filled, Matcher.quoteReplacement(json.substring(1, json.length() - 1)));
        }
        matcher.appendTail(filled);
        JsonNode connector = new ObjectMapper().readTree(filled.toString());
        Map<String, String> config = new ObjectMapper().convertValue(connector.path("config"), new TypeReference<>() { });
        return new ConnectorConfig(connector.path("name").asText(), config);
    }
}
