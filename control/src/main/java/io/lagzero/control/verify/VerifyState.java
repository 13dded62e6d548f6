package io.lagzero.control.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lagzero.control.cli.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pass's progress in {@code <state-dir>/verify-state.json}, written after every chunk: per
 * table the last verified key, the counts, the keys still to re-check and, once done, the
 * result. {@code --resume} continues it; the fingerprint (source, target, tables, mapping) keeps
 * a run from continuing another setup's pass.
 */
final class VerifyState {
    static final String FILE = "verify-state.json";

    private final Path file;
    private final String fingerprint;
    private final Instant startedAt;
    private final Map<String, TableState> tables = new LinkedHashMap<>();

    private VerifyState(Path file, String fingerprint, Instant startedAt) {
        this.file = file;
        this.fingerprint = fingerprint;
        this.startedAt = startedAt;
    }

    /** A new pass, or with {@code resume} the unfinished one in the directory (if any). */
    static VerifyState open(Path dir, String fingerprint, boolean resume) {
        Path file = dir.resolve(FILE);
        if (resume && Files.exists(file)) {
            VerifyState state = read(file);
            if (!state.fingerprint.equals(fingerprint)) {
                throw new UserError("--resume: the pass in " + file + " verified another source, target, "
                        + "--tables or --column-mapping. Fix: run without --resume to start a new pass, or give "
                        + "another --state-dir.");
            }
            if (!state.finished()) {
                return state;
            }
        }
        return new VerifyState(file, fingerprint, Instant.now());
    }

    Instant startedAt() {
        return startedAt;
    }

    TableState table(String name) {
        return tables.computeIfAbsent(name, TableState::new);
    }

    boolean resumed(String name) {
        TableState state = tables.get(name);
        return state != null && (state.chunks > 0 || state.result != null);
    }

    private boolean finished() {
        return !tables.isEmpty() && tables.values().stream().allMatch(t -> t.result != null);
    }

    void save() {
        ObjectNode root = ReportJson.MAPPER.createObjectNode();
        root.put("version", 1);
        root.put("fingerprint", fingerprint);
        root.put("startedAt", startedAt.toString());
        ArrayNode list = root.putArray("tables");
        for (TableState t : tables.values()) {
            ObjectNode node = list.addObject();
            node.put("table", t.table);
            if (t.endKey != null) {
                KeyCodec.encode(t.endKey).forEach(node.putArray("endKey")::add);
            }
            if (t.lastKey != null) {
                KeyCodec.encode(t.lastKey).forEach(node.putArray("lastKey")::add);
            }
            node.put("scanned", t.scanned);
            node.put("sourceRows", t.sourceRows);
            node.put("targetRows", t.targetRows);
            node.put("chunks", t.chunks);
            node.put("mismatchedChunks", t.mismatchedChunks);
            node.put("rechecked", t.rechecked);
            node.put("missing", t.missing);
            node.put("extra", t.extra);
            node.put("different", t.different);
            ReportJson.writeDifferences(node.putArray("listed"), t.listed);
            node.put("repaired", t.repaired);
            ArrayNode toRepair = node.putArray("toRepair");
            for (RowDifference d : t.toRepair) {
                ArrayNode entry = toRepair.addArray().add(d.kind().name());
                KeyCodec.encode(d.keyValues()).forEach(entry::add);
            }
            ArrayNode suspects = node.putArray("suspects");
            t.suspects.forEach(key -> KeyCodec.encode(key).forEach(suspects.addArray()::add));
            if (t.result != null) {
                node.set("result", ReportJson.table(t.result));
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(FILE + ".tmp");
            ReportJson.MAPPER.writeValue(temporary.toFile(), root);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError("Cannot write the verify state " + file + ": " + e.getMessage()
                    + ". Fix: give a writable --state-dir.", e);
        }
    }

    private static VerifyState read(Path file) {
        try {
            JsonNode root = ReportJson.MAPPER.readTree(file.toFile());
            VerifyState state = new VerifyState(file, root.path("fingerprint").asText(),
                    Instant.parse(root.path("startedAt").asText()));
            for (JsonNode node : root.path("tables")) {
                TableState t = state.table(node.path("table").asText());
                if (node.has("endKey")) {
                    t.endKey = KeyCodec.decode(strings(node.get("endKey")));
                }
                if (node.has("lastKey")) {
                    t.lastKey = KeyCodec.decode(strings(node.get("lastKey")));
                }
                t.scanned = node.path("scanned").asBoolean();
                t.sourceRows = node.path("sourceRows").asLong();
                t.targetRows = node.path("targetRows").asLong();
                t.chunks = node.path("chunks").asLong();
                t.mismatchedChunks = node.path("mismatchedChunks").asLong();
                t.rechecked = node.path("rechecked").asLong();
                t.missing = node.path("missing").asLong();
                t.extra = node.path("extra").asLong();
                t.different = node.path("different").asLong();
                t.listed.addAll(ReportJson.readDifferences(node.path("listed")));
                t.repaired = node.path("repaired").asLong();
                for (JsonNode entry : node.path("toRepair")) {
                    List<String> values = strings(entry);
                    t.toRepair.add(new RowDifference(RowDifference.Kind.valueOf(values.get(0)), Map.of(),
                            KeyCodec.decode(values.subList(1, values.size())), List.of()));
                }
                for (JsonNode key : node.path("suspects")) {
                    t.suspects.add(KeyCodec.decode(strings(key)));
                }
                if (node.has("result")) {
                    t.result = ReportJson.readTable(node.get("result"));
                }
            }
            return state;
        } catch (IOException | RuntimeException e) {
            throw new UserError("Cannot read the verify state " + file + ": " + e.getMessage()
                    + ". Fix: run without --resume to start a new pass.", e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
