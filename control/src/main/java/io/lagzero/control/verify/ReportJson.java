package io.lagzero.control.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --json} document (its schema is in docs/verify.md), and table results in the state file. */
public final class ReportJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportJson() {
    }

    public static String write(VerifyReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("status", report.matches() ? "match" : "different");
        root.put("startedAt", report.startedAt().toString());
        root.put("finishedAt", report.finishedAt().toString());
        root.put("seconds", round(report.seconds()));
        root.put("rowsCompared", report.sourceRows());
        root.put("rowsPerSecond", Math.round(report.rowsPerSecond()));
        ArrayNode tables = root.putArray("tables");
        report.tables().forEach(table -> tables.add(table(table)));
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode table(TableResult result) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("table", result.table());
        node.put("targetTable", result.targetTable());
        node.put("status", result.status().name().toLowerCase(java.util.Locale.ROOT));
        if (result.problem() != null) {
            node.put("problem", result.problem());
        }
        node.put("sourceRows", result.sourceRows());
        node.put("targetRows", result.targetRows());
        node.put("chunks", result.chunks());
        node.put("mismatchedChunks", result.mismatchedChunks());
        node.put("rechecked", result.suspects());
        node.put("repaired", result.repaired());
        node.put("missing", result.missing());
        node.put("extra", result.extra());
        node.put("different", result.different());
        node.put("seconds", round(result.seconds()));
        writeDifferences(node.putArray("differences"), result.differences());
        return node;
    }

    static void writeDifferences(ArrayNode differences, List<RowDifference> list) {
        for (RowDifference difference : list) {
            ObjectNode d = differences.addObject();
            d.put("kind", difference.kind().name().toLowerCase(java.util.Locale.ROOT));
            ObjectNode key = d.putObject("key");
            difference.key().forEach(key::put);
            ArrayNode columns = d.putArray("columns");
            for (RowDifference.ColumnDifference column : difference.columns()) {
                ObjectNode c = columns.addObject();
                c.put("column", column.source());
                c.put("targetColumn", column.target());
                c.put("source", column.sourceValue());
                c.put("target", column.targetValue());
            }
        }
    }

    static TableResult readTable(JsonNode node) {
        return new TableResult(node.path("table").asText(), node.path("targetTable").asText(),
                node.path("sourceRows").asLong(), node.path("targetRows").asLong(), node.path("chunks").asLong(),
                node.path("mismatchedChunks").asLong(), node.path("rechecked").asLong(), node.path("repaired").asLong(),
                node.path("missing").asLong(),
                node.path("extra").asLong(), node.path("different").asLong(), readDifferences(node.path("differences")),
                text(node.get("problem")), node.path("seconds").asDouble());
    }

    static List<RowDifference> readDifferences(JsonNode array) {
        List<RowDifference> differences = new ArrayList<>();
        for (JsonNode d : array) {
            Map<String, String> key = new LinkedHashMap<>();
            d.path("key").fields().forEachRemaining(e -> key.put(e.getKey(), e.getValue().asText()));
            List<RowDifference.ColumnDifference> columns = new ArrayList<>();
            for (JsonNode c : d.path("columns")) {
                columns.add(new RowDifference.ColumnDifference(c.path("column").asText(), c.path("targetColumn").asText(),
                        text(c.get("source")), text(c.get("target"))));
            }
            differences.add(new RowDifference(RowDifference.Kind.valueOf(d.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
                    key, List.of(), columns));
        }
        return differences;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
