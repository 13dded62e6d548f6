package io.lagzero.control.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.MariaDbDialect;
import io.lagzero.sink.dialect.PostgresDialect;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The normalisation rules of docs/verify.md, and keys that survive the state file exactly. */
class CanonicalTextTest {
    @Test
    void decimalsCompareByValueNotScale() {
        assertThat(CanonicalValue.text(new BigDecimal("1.50"))).isEqualTo(CanonicalValue.text(new BigDecimal("1.5")));
        assertThat(CanonicalValue.text(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(CanonicalValue.text(new BigDecimal("100"))).isEqualTo("100");
        assertThat(CanonicalValue.text(new BigDecimal("1.51"))).isNotEqualTo(CanonicalValue.text(new BigDecimal("1.5")));
    }

    @Test
    void jsonComparesByDocumentNotByKeyOrderOrSpacing() {
        assertThat(JsonText.canonical("{\"b\": [1, 2.50], \"a\": \"ü\"}")).isEqualTo(JsonText.canonical("{\"a\":\"ü\",\"b\":[1,2.50]}"));
        assertThat(JsonText.canonical("{\"a\": 1}")).isNotEqualTo(JsonText.canonical("{\"a\": 2}"));
        assertThat(JsonText.canonical("not json")).isEqualTo("not json");
    }

    @Test
    void valuesADriverWouldNotReadExactlyAreSelectedInACanonicalForm() {
        Dialect mariadb = new MariaDbDialect();
        Dialect postgres = new PostgresDialect();
        assertThat(CanonicalValue.select(mariadb, "at", ColumnKind.DATETIME)).isEqualTo("CAST(`at` AS CHAR) AS `at`");
        assertThat(CanonicalValue.select(postgres, "at", ColumnKind.DATETIME)).isEqualTo("\"at\"");
        assertThat(CanonicalValue.select(postgres, "t", ColumnKind.TIME))
                .isEqualTo("CAST(EXTRACT(EPOCH FROM \"t\") * 1000000 AS BIGINT) AS \"t\"");
        assertThat(CanonicalValue.select(mariadb, "b", ColumnKind.BIT)).isEqualTo("BIN(`b`) AS `b`");
        assertThat(CanonicalValue.select(mariadb, "doc", ColumnKind.JSON)).isEqualTo("`doc`");
        assertThat(CanonicalValue.orderKey(mariadb, "name", true)).isEqualTo("BINARY `name`");
        assertThat(CanonicalValue.orderKey(postgres, "name", true)).isEqualTo("\"name\" COLLATE \"C\"");
        assertThat(CanonicalValue.orderKey(postgres, "id", false)).isEqualTo("\"id\"");
    }

    @Test
    void nullNeverEqualsAnEmptyString() {
        assertThat(CanonicalValue.text(null)).isNotEqualTo(CanonicalValue.text(""));
    }

    @Test
    void everyKeyTypeRoundTripsThroughTheStateFile() {
        List<Comparable<?>> key = List.of(new BigDecimal("18446744073709551615"), "Café ☕:x",
                new CanonicalValue.Bytes(new byte[] {0, (byte) 0xff}), LocalDate.of(2024, 2, 29),
                LocalDateTime.of(2024, 3, 31, 2, 30, 0, 1000), 2.5d, 2024);
        List<Comparable<?>> decoded = KeyCodec.decode(KeyCodec.encode(key));
        assertThat(SideReader.sameKey(decoded, key)).isTrue();
        assertThat(decoded).isEqualTo(key);
    }
}
