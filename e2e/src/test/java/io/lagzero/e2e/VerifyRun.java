package io.lagzero.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lagzero.control.Lagzero;
import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** {@code lagzero verify} as a user runs it, with the connection settings in a --config file. */
record VerifyRun(int code, String out, String err) {

    static Path configFile(Path dir, DatabaseServer source, String sourceDb, Target target, String targetDb) {
        Path file = dir.resolve("verify.properties");
        try {
            Files.writeString(file, String.join("\n",
                    "source=" + source.url(sourceDb), "source-user=" + MariaDbServer.USER,
                    "source-password=" + MariaDbServer.PASSWORD, "target=" + target.server().url(targetDb),
                    "target-user=" + target.user(), "target-password=" + target.password()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    static VerifyRun of(Path config, String... options) {
        List<String> args = new ArrayList<>(List.of("verify", "--config", config.toString()));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Lagzero.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new VerifyRun(code, out.toString(), err.toString());
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
        }
    }

    JsonNode table(String name) {
        return StreamSupport.stream(json().path("tables").spliterator(), false)
                .filter(t -> t.path("table").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + out));
    }

    /** The table's differences as {@code kind key=value [columns]} lines, e.g. {@code different id=7 [name]}. */
    List<String> differences(String table) {
        List<String> lines = new ArrayList<>();
        for (JsonNode d : table(table).path("differences")) {
            StringBuilder line = new StringBuilder(d.path("kind").asText());
            d.path("key").fields().forEachRemaining(e -> line.append(' ').append(e.getKey()).append('=').append(e.getValue().asText()));
            List<String> columns = new ArrayList<>();
            d.path("columns").forEach(c -> columns.add(c.path("column").asText()));
            if (!columns.isEmpty()) {
                line.append(' ').append(columns);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    String describe() {
        return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
