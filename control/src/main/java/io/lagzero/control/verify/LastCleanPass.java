package io.lagzero.control.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lagzero.connector.SetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code <state-dir>/last-clean-pass.json}: when the last pass in which every table matched
 * started and finished, and which tables it covered — what the cutover gate asks for.
 */
public record LastCleanPass(Instant startedAt, Instant finishedAt, List<String> tables, long rows) {
    public static final String FILE = "last-clean-pass.json";

    static void write(Path stateDir, VerifyReport report) {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("startedAt", report.startedAt().toString());
        root.put("finishedAt", report.finishedAt().toString());
        report.tables().forEach(t -> root.withArray("tables").add(t.table()));
        root.put("rows", report.sourceRows());
        Path file = stateDir.resolve(FILE);
        try {
            Files.createDirectories(stateDir);
            Path temporary = stateDir.resolve(FILE + ".tmp");
            ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), root);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SetupException("Cannot write " + file + ": " + e.getMessage() + ". Fix: give a writable --state-dir.", e);
        }
    }

    /** The last clean pass recorded in {@code stateDir}, if any. */
    public static Optional<LastCleanPass> read(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = ReportJson.MAPPER.readTree(file.toFile());
            List<String> tables = new java.util.ArrayList<>();
            root.path("tables").forEach(t -> tables.add(t.asText()));
            return Optional.of(new LastCleanPass(Instant.parse(root.path("startedAt").asText()),
                    Instant.parse(root.path("finishedAt").asText()), tables, root.path("rows").asLong()));
        } catch (IOException | RuntimeException e) {
            throw new SetupException("Cannot read " + file + ": " + e.getMessage() + ". Fix: run lagzero verify again.", e);
        }
    }
}
