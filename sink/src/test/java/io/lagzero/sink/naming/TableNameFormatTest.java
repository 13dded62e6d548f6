package io.lagzero.sink.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sink.event.TableId;
import org.junit.jupiter.api.Test;

class TableNameFormatTest {
    private static final TableId CUSTOMERS = new TableId("shop", "customers");

    @Test
    void theDefaultIsTheSourceTableName() {
        assertThat(TableNameFormat.DEFAULT.resolve(CUSTOMERS, "lz.shop.customers")).isEqualTo("customers");
        assertThat(TableNameFormat.DEFAULT.resolve(new TableId(null, "t"), null)).isEqualTo("t");
    }

    @Test
    void placeholdersAreReplaced() {
        assertThat(new TableNameFormat("${source.db}_${source.table}").resolve(CUSTOMERS, "x")).isEqualTo("shop_customers");
        assertThat(new TableNameFormat("stage_${source.table}_v2").resolve(CUSTOMERS, "x")).isEqualTo("stage_customers_v2");
        assertThat(new TableNameFormat("${topic}").resolve(CUSTOMERS, "lz.shop.customers")).isEqualTo("lz.shop.customers");
        assertThat(new TableNameFormat("fixed").resolve(CUSTOMERS, "x")).isEqualTo("fixed");
        assertThat(new TableNameFormat("a$b").resolve(new TableId("d", "t$1"), "x")).isEqualTo("a$b");
    }

    @Test
    void unknownPlaceholdersAndMissingValuesAreRejected() {
        assertThatThrownBy(() -> new TableNameFormat("${table}")).hasMessageContaining("unknown placeholder ${table}")
                .hasMessageContaining("Fix: use only ${source.table}, ${source.db} and ${topic}");
        assertThatThrownBy(() -> new TableNameFormat(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> new TableNameFormat("${source.db}_x").resolve(new TableId(null, "t"), "x"))
                .hasMessageContaining("needs ${source.db}");
    }
}
