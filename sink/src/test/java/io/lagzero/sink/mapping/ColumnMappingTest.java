package io.lagzero.sink.mapping;

import static io.lagzero.sink.testing.DebeziumRecords.decimal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.ChangeEventDecoder;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.event.ValueKind;
import io.lagzero.sink.testing.DebeziumRecords;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {
    private static final String SIG = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final TableId PAGEVIEWS = new TableId("shop", "pageviews");

    private final DebeziumRecords pageviews = DebeziumRecords.forTable("pageviews");
    private final ChangeEventDecoder decoder = new ChangeEventDecoder();

    @Test
    void parsesTheDocumentedExample() {
        ColumnMapping mapping = ColumnMapping.parse(" shop.pageviews.user_sig rename:user_signature hex_to_binary; "
                + "shop.events.debug exclude;shop.sites.fee type:NUMERIC(20,6) ; ");

        assertThat(mapping.rules()).containsExactly(
                new ColumnRule("shop", "pageviews", "user_sig", "user_signature", false, Conversion.HEX_TO_BINARY, null),
                new ColumnRule("shop", "events", "debug", null, true, null, null),
                new ColumnRule("shop", "sites", "fee", null, false, null, "NUMERIC(20,6)"));
        assertThat(mapping).hasToString("shop.pageviews.user_sig rename:user_signature hex_to_binary; "
                + "shop.events.debug exclude; shop.sites.fee type:NUMERIC(20,6)");
        assertThat(ColumnMapping.parse(mapping.toString())).isEqualTo(mapping);
        assertThat(ColumnMapping.parse("").isEmpty()).isTrue();
        assertThat(ColumnMapping.parse(null)).isEqualTo(ColumnMapping.EMPTY);
    }

    @Test
    void answersPerSourceColumnWhatAVerifierNeeds() {
        ColumnMapping mapping = ColumnMapping.parse("shop.page*.user_sig rename:user_signature HEX_TO_BINARY; "
                + "shop.*.debug exclude; shop.sites.fee type:DECIMAL(20,6) UNSIGNED; shop.pageviews.debug rename:d");
        TableId sites = new TableId("shop", "sites");

        assertThat(mapping.targetName(PAGEVIEWS, "USER_SIG")).contains("user_signature");
        assertThat(mapping.conversion(PAGEVIEWS, "user_sig")).contains(Conversion.HEX_TO_BINARY);
        assertThat(mapping.targetName(PAGEVIEWS, "debug")).as("the first matching rule wins").isEmpty();
        assertThat(mapping.targetName(PAGEVIEWS, "page")).contains("page");
        assertThat(mapping.conversion(PAGEVIEWS, "page")).isEmpty();
        assertThat(mapping.targetType(sites, "fee")).contains("DECIMAL(20,6) UNSIGNED");
        assertThat(mapping.targetName(new TableId("other", "pageviews"), "user_sig")).contains("user_sig");
        assertThat(mapping.targetName(new TableId("shop", "sites"), "user_sig")).contains("user_sig");
        assertThat(Conversion.HEX_TO_BINARY.convert("00FFab")).isEqualTo(new byte[] {0, -1, (byte) 0xab});
    }

    @Test
    void tablePatternsMatchWholeNames() {
        assertThat(ColumnRule.glob("*", "pageviews")).isTrue();
        assertThat(ColumnRule.glob("page*", "PageViews")).isTrue();
        assertThat(ColumnRule.glob("p*e*s", "pageviews")).isTrue();
        assertThat(ColumnRule.glob("*views", "pageviews")).isTrue();
        assertThat(ColumnRule.glob("page", "pageviews")).isFalse();
        assertThat(ColumnRule.glob("p*ew*ew", "pageviews")).isFalse();
        assertThat(ColumnRule.glob("pagev*views", "pageviews")).isFalse();
    }

    @Test
    void aConvertedColumnMayStillDeclareItsType() {
        ChangeEvent event = ColumnMapping.parse("shop.pageviews.user_sig hex_to_binary type:VARBINARY(32)")
                .apply(decode(pageviews.create(row(1, SIG))));

        assertThat(event.columns().get(1).parameter(Column.TARGET_TYPE)).isEqualTo("VARBINARY(32)");
        assertThat(event.columns().get(1).kind()).isEqualTo(ValueKind.BYTES);
    }

    @Test
    void badRulesNameTheKeyTheRuleAndTheFix() {
        assertBad("shop.pageviews user_sig exclude", "'shop.pageviews user_sig exclude' does not start with <db>.<table>.<column>");
        assertBad("shop.x.y.z exclude", "does not start with <db>.<table>.<column>");
        assertBad("shop.pageviews.user_sig", "has no action");
        assertBad("shop.pageviews.user_sig unhex", "has unknown action 'unhex'");
        assertBad("shop.pageviews.user_sig rename:", "has rename: without a name");
        assertBad("shop.pageviews.user_sig rename:a rename:b", "has rename twice");
        assertBad("shop.pageviews.user_sig exclude hex_to_binary", "excludes the column but also renames");
        assertBad("shop.pageviews.user_sig type:", "has type: without a type");
        assertBad("shop.pageviews.fee type:NUMERIC(20,6) exclude", "has 'exclude' after type:");
        assertBad("shop.pageviews.fee type:INT; DROP TABLE x", "does not start with <db>.<table>.<column>");
        assertBad("shop.pageviews.fee type:INT'--", "is not a plain SQL type");
        assertBad("sh*p.pageviews.fee exclude", "wildcard");
        assertBad("shop.pageviews.a exclude; SHOP.pageviews.A rename:b", "names the same column as rule");
        assertBad("shop.pageviews.a rename:c; shop.pageviews.b rename:C", "gives the same target column");
    }

    private static void assertBad(String text, String problem) {
        assertThatThrownBy(() -> ColumnMapping.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("column.mapping: ").hasMessageContaining(problem).hasMessageContaining(". Fix: ");
    }

    @Test
    void renamesExcludesConvertsAndRetypes() {
        ColumnMapping mapping = ColumnMapping.parse("shop.pageviews.user_sig rename:user_signature hex_to_binary; "
                + "shop.pageviews.debug exclude; shop.pageviews.fee type:NUMERIC(20,6)");

        ChangeEvent event = mapping.apply(decode(pageviews.create(row(1, SIG))));

        assertThat(event.columnNames()).containsExactly("pv_id", "user_signature", "fee", "page");
        assertThat(event.row()).containsOnlyKeys("pv_id", "user_signature", "fee", "page");
        assertThat((byte[]) event.row().get("user_signature")).isEqualTo(HexFormat.of().parseHex(SIG)).hasSize(32);
        Column signature = event.columns().get(1);
        assertThat(signature.kind()).isEqualTo(ValueKind.BYTES);
        assertThat(signature.sourceType()).isEqualTo("BINARY");
        assertThat(signature.length()).isEqualTo(32);
        assertThat(signature.optional()).isTrue();
        assertThat(event.columns().get(2).parameter(Column.TARGET_TYPE)).isEqualTo("NUMERIC(20,6)");
        assertThat(event.columns().get(2).kind()).isEqualTo(ValueKind.DECIMAL);
        assertThat(event.keyColumns()).containsExactly("pv_id");
    }

    @Test
    void renamesAKeyColumnInTheKeyAndTheColumnsOfUpsertsAndDeletes() {
        ColumnMapping mapping = ColumnMapping.parse("shop.pageviews.pv_id rename:id");

        for (SinkRecord record : List.of(pageviews.create(row(7, SIG)), pageviews.delete(row(7, SIG)))) {
            ChangeEvent event = mapping.apply(decode(record));
            assertThat(event.keyColumns()).containsExactly("id");
            assertThat(event.key()).containsExactly(Map.entry("id", 7));
            assertThat(event.columnNames()).startsWith("id").doesNotContain("pv_id");
            assertThat(event.keyColumnDefinitions()).extracting(Column::name).containsExactly("id");
            assertThat(event.row()).containsEntry("id", 7);
        }
    }

    @Test
    void leavesEventsOfOtherTablesAsTheyAre() {
        ChangeEvent event = decode(pageviews.create(row(1, SIG)));

        assertThat(ColumnMapping.parse("shop.sites.debug exclude").apply(event)).isSameAs(event);
        assertThat(ColumnMapping.parse("shop.pageviews.nothing exclude").apply(event)).isSameAs(event);
        assertThat(ColumnMapping.EMPTY.apply(event)).isSameAs(event);
    }

    @Test
    void invalidHexFailsTheRecordNamingTableColumnAndLength() {
        ColumnMapping mapping = ColumnMapping.parse("shop.pageviews.user_sig hex_to_binary");

        assertThatThrownBy(() -> mapping.apply(decode(pageviews.create(row(1, SIG.substring(1))))))
                .isInstanceOf(ColumnMappingException.class)
                .hasMessageContaining("column shop.pageviews.user_sig hex_to_binary failed: a value of length 63 "
                        + "is not hex text").hasMessageContaining("Fix: ").hasMessageNotContaining(SIG.substring(1))
                .satisfies(e -> assertThat(((ColumnMappingException) e).table()).isEqualTo(PAGEVIEWS));
        assertThatThrownBy(() -> mapping.apply(decode(pageviews.create(row(1, "zz" + SIG.substring(2))))))
                .hasMessageContaining("a value of length 64 is not hex text (position 0");
        assertThat(mapping.apply(decode(pageviews.create(row(1, null)))).row()).containsEntry("user_sig", null);
    }

    @Test
    void rejectsWhatCannotBeAppliedToTheColumns() {
        ChangeEvent event = decode(pageviews.create(row(1, SIG)));

        assertThatThrownBy(() -> ColumnMapping.parse("shop.pageviews.pv_id exclude").apply(event))
                .hasMessageContaining("column shop.pageviews.pv_id is a primary-key column, which cannot be excluded")
                .hasMessageContaining("Fix: remove exclude");
        assertThatThrownBy(() -> ColumnMapping.parse("shop.pageviews.pv_id hex_to_binary").apply(event))
                .hasMessageContaining("primary-key column");
        assertThatThrownBy(() -> ColumnMapping.parse("shop.pageviews.fee hex_to_binary").apply(event))
                .hasMessageContaining("shop.pageviews.fee hex_to_binary needs a text column, but it is DECIMAL");
        assertThatThrownBy(() -> ColumnMapping.parse("shop.pageviews.debug rename:page").apply(event))
                .isInstanceOf(ColumnMappingException.class).hasMessageContaining("would be written twice");
        assertThat(ColumnMapping.parse("shop.pageviews.page exclude; shop.pageviews.debug rename:page").apply(event)
                .columnNames()).containsExactly("pv_id", "user_sig", "page", "fee");
    }

    private ChangeEvent decode(SinkRecord record) {
        return decoder.decode(record).orElseThrow();
    }

    static String row(int id, String sig) {
        return """
                {"pv_id": %d, "user_sig": %s, "debug": "trace", "fee": "%s", "page": "/home"}"""
                .formatted(id, sig == null ? "null" : "\"" + sig + "\"", decimal("12.34"));
    }
}
