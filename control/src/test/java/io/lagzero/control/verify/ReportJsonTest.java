package io.lagzero.control.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code --json} document has the shape docs/verify.md promises. */
class ReportJsonTest {
    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void aReportWithDifferencesNamesEachKeyAndColumn() throws Exception {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("id", "7");
        RowDifference different = new RowDifference(RowDifference.Kind.DIFFERENT, key, List.of(),
                List.of(new RowDifference.ColumnDifference("note", "note", "", null)));
        RowDifference missing = new RowDifference(RowDifference.Kind.MISSING, Map.of("id", "9"), List.of(), List.of());
        TableResult table = new TableResult("shop.orders", "public.orders", 1000, 999, 1, 1, 3, 0, 1, 0, 1,
                List.of(different, missing), null, 1.25);
        TableResult clean = new TableResult("shop.sites", "public.sites", 10, 10, 1, 0, 0, 0, 0, 0, 0, List.of(), null, 0.5);
        VerifyReport report = new VerifyReport(START, START.plusSeconds(2), List.of(table, clean));

        JsonNode json = new ObjectMapper().readTree(ReportJson.write(report));

        assertThat(json.path("status").asText()).isEqualTo("different");
        assertThat(json.path("startedAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(json.path("rowsCompared").asLong()).isEqualTo(1010);
        assertThat(json.path("rowsPerSecond").asLong()).isEqualTo(1010 * 4 / 7);
        JsonNode orders = json.path("tables").get(0);
        assertThat(orders.path("table").asText()).isEqualTo("shop.orders");
        assertThat(orders.path("targetTable").asText()).isEqualTo("public.orders");
        assertThat(orders.path("status").asText()).isEqualTo("different");
        assertThat(orders.path("rechecked").asLong()).isEqualTo(3);
        assertThat(orders.path("missing").asLong()).isEqualTo(1);
        assertThat(orders.path("different").asLong()).isEqualTo(1);
        JsonNode first = orders.path("differences").get(0);
        assertThat(first.path("kind").asText()).isEqualTo("different");
        assertThat(first.path("key").path("id").asText()).isEqualTo("7");
        JsonNode column = first.path("columns").get(0);
        assertThat(column.path("column").asText()).isEqualTo("note");
        assertThat(column.path("source").asText()).isEmpty();
        assertThat(column.path("target").isNull()).isTrue();
        assertThat(orders.path("differences").get(1).path("columns")).isEmpty();
        assertThat(json.path("tables").get(1).path("status").asText()).isEqualTo("match");
    }

    @Test
    void aTableResultSurvivesTheStateFile() {
        TableResult result = new TableResult("a.b", "public.b", 5, 4, 2, 1, 1, 0, 1, 0, 0,
                List.of(new RowDifference(RowDifference.Kind.MISSING, Map.of("id", "3"), List.of(), List.of())), null, 1.5);
        TableResult read = ReportJson.readTable(ReportJson.table(result));
        assertThat(read).usingRecursiveComparison().isEqualTo(result);
        assertThat(ReportJson.readTable(ReportJson.table(TableResult.problem("a.c", "c", "gone"))).summary())
                .isEqualTo("not compared: gone");
    }
}
