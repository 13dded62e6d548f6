package io.lagzero.control.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lagzero.control.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code <state-dir>/last-pass.json}: the newest finished verification pass, whatever it found —
 * when it started and finished, whether every table matched, and each table's outcome. The
 * cutover gate reads it: only a clean newest pass lets the cutover start.
 */
public record LastPass(Instant startedAt, Instant finishedAt, boolean clean, List<Table> tables, long rows) {
    public static final String FILE = "last-pass.json";
    /** Where earlier versions recorded clean passes only; removed so that it cannot be mistaken for the newest pass. */
    static final String FORMER_FILE = "last-clean-pass.json";

    /**
     * @param status match, different or error (not compared)
     * @param problem why it was not compared, or null
     */
    public record Table(String table, String status, long rows, long missing, long extra, long different, String problem) {
        public boolean matches() {
            return status.equals("match");
        }
    }

    public List<String> tableNames() {
        return tables.stream().map(Table::table).toList();
    }

    /** The tables with the given status: {@code different} or {@code error}. */
    public List<String> tables(String status) {
        return tables.stream().filter(t -> t.status().equals(status)).map(Table::table).toList();
    }

    static void write(Path stateDir, VerifyReport report) {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("startedAt", report.startedAt().toString());
        root.put("finishedAt", report.finishedAt().toString());
        root.put("clean", report.matches());
        root.put("rows", report.sourceRows());
        for (TableResult result : report.tables()) {
            ObjectNode table = root.withArray("tables").addObject();
            table.put("table", result.table());
            table.put("status", result.status().name().toLowerCase(Locale.ROOT));
            table.put("rows", result.sourceRows());
            table.put("missing", result.missing());
            table.put("extra", result.extra());
            table.put("different", result.different());
            if (result.problem() != null) {
                table.put("problem", result.problem());
            }
        }
        Path file = stateDir.resolve(FILE);
        try {
            Files.createDirectories(stateDir);
            Path temporary = stateDir.resolve(FILE + ".tmp");
            ReportJson.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), root);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(stateDir.resolve(FORMER_FILE));
        } catch (IOException e) {
            throw new UserError("Cannot write " + file + ": " + e.getMessage() + ". Fix: give a writable --state-dir.", e);
        }
    }

    /** The newest finished pass recorded in {@code stateDir}, if any. */
    public static Optional<LastPass> read(Path stateDir) {
        Path file = stateDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = ReportJson.MAPPER.readTree(file.toFile());
            List<Table> tables = new ArrayList<>();
            for (JsonNode t : root.path("tables")) {
                tables.add(new Table(t.path("table").asText(), t.path("status").asText(), t.path("rows").asLong(),
                        t.path("missing").asLong(), t.path("extra").asLong(), t.path("different").asLong(),
                        t.hasNonNull("problem") ? t.path("problem").asText() : null));
            }
            if (!root.path("clean").isBoolean()) {
                throw new IOException("it has no \"clean\"");
            }
            return Optional.of(new LastPass(Instant.parse(root.path("startedAt").asText()),
                    Instant.parse(root.path("finishedAt").asText()), root.path("clean").asBoolean(), List.copyOf(tables),
                    root.path("rows").asLong()));
        } catch (IOException | RuntimeException e) {
            throw new UserError("Cannot read " + file + ": " + e.getMessage() + ". Fix: run lagzero verify again.", e);
        }
    }
}
