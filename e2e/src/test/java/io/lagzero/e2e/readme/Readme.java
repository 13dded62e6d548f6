package io.lagzero.e2e.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * README.md as a user reads it: its fenced code blocks, found by what they begin with, so a test
 * runs whatever the README says today.
 */
public final class Readme {
    private static final Pattern FENCE = Pattern.compile("(?ms)^```([a-z]*)\\n(.*?)^```$");

    /** One fenced block: its language tag ({@code sql}, {@code properties} or empty) and its text. */
    record Block(String language, String text) {
    }

    private final List<Block> blocks;

    private Readme(List<Block> blocks) {
        this.blocks = blocks;
    }

    static Readme read() throws IOException {
        return read(Path.of(System.getProperty("lagzero.readme", "../README.md")));
    }

    /** Any Markdown file read the same way, e.g. deploy/connect/README.md. */
    public static Readme read(Path markdown) throws IOException {
        String text = Files.readString(markdown);
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = FENCE.matcher(text);
        while (matcher.find()) {
            blocks.add(new Block(matcher.group(1), matcher.group(2)));
        }
        return new Readme(blocks);
    }

    /** The block of {@code language} whose text starts with {@code beginning}; failing the test if there is none. */
    Block block(String language, String beginning) {
        return find(language, beginning).orElseThrow(() -> new AssertionError(
                "README.md has no ```" + language + " block starting with '" + beginning + "'"));
    }

    Optional<Block> find(String language, String beginning) {
        return blocks.stream().filter(b -> b.language().equals(language) && b.text().startsWith(beginning)).findFirst();
    }

    /**
     * The SQL statements of the block that starts with {@code heading}, without comments,
     * one per entry.
     */
    public List<String> statements(String heading) {
        StringBuilder sql = new StringBuilder();
        for (String line : block("sql", heading).text().split("\n")) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        return List.of(sql.toString().split(";\\s*\n?")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Every command line in the plain blocks that starts with {@code program} (continuation lines joined). */
    List<String> commands(String program) {
        List<String> commands = new ArrayList<>();
        for (Block block : blocks) {
            if (!block.language().isEmpty()) {
                continue;
            }
            for (String line : block.text().replace("\\\n", " ").split("\n")) {
                if (line.startsWith(program + " ")) {
                    commands.add(line.replaceFirst("\\s+#.*$", "").strip());
                }
            }
        }
        return commands;
    }

    /** The first command that starts with {@code program subcommand}, e.g. {@code bin/lagzero run}. */
    String command(String program, String subcommand) {
        return allCommands(program, subcommand).stream().findFirst().orElseThrow(() -> new AssertionError(
                "README.md shows no '" + program + " " + subcommand + "' command"));
    }

    /** The command lines that start with {@code program subcommand}, in README order. */
    List<String> allCommands(String program, String subcommand) {
        String command = program + " " + subcommand;
        return commands(program).stream().filter(c -> c.equals(command) || c.startsWith(command + " ")).toList();
    }

    /** Splits a shell command line into words: spaces separate, single and double quotes group. */
    static List<String> words(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (char c : commandLine.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
