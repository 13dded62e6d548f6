package io.lagzero.sink.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.KafkaPosition;
import io.lagzero.sink.event.Operation;
import io.lagzero.sink.event.TableId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

class ChangeReducerTest {
    private static final TableId CUSTOMERS = new TableId("shop", "customers");
    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final List<Column> COLUMNS = List.of(
            Column.of("id", Schema.INT32_SCHEMA), Column.of("name", Schema.OPTIONAL_STRING_SCHEMA));

    private long offset;

    @Test
    void lastChangeOfAKeyWins() {
        List<TableChanges> reduced = ChangeReducer.reduce(List.of(
                upsert(CUSTOMERS, 1, "a"), upsert(CUSTOMERS, 1, "b"), upsert(CUSTOMERS, 2, "x"), upsert(CUSTOMERS, 1, "c")));

        assertThat(reduced).singleElement().satisfies(t -> {
            assertThat(t.deletes()).isEmpty();
            assertThat(t.upserts()).extracting(e -> e.row().get("name")).containsExactlyInAnyOrder("c", "x");
        });
    }

    @Test
    void deleteThenInsertIsAnUpsertAndInsertThenDeleteIsADelete() {
        List<TableChanges> reduced = ChangeReducer.reduce(List.of(
                delete(CUSTOMERS, 1), upsert(CUSTOMERS, 1, "back"), upsert(CUSTOMERS, 2, "short-lived"), delete(CUSTOMERS, 2)));

        TableChanges customers = reduced.get(0);
        assertThat(customers.upserts()).extracting(e -> e.key().get("id")).containsExactly(1);
        assertThat(customers.deletes()).extracting(e -> e.key().get("id")).containsExactly(2);
    }

    @Test
    void primaryKeyChangeKeepsTheOldKeysDeleteAndTheNewKeysRow() {
        List<TableChanges> reduced = ChangeReducer.reduce(List.of(
                upsert(CUSTOMERS, 1, "a"), delete(CUSTOMERS, 1), upsert(CUSTOMERS, 7, "a")));

        assertThat(reduced.get(0).deletes()).extracting(e -> e.key().get("id")).containsExactly(1);
        assertThat(reduced.get(0).upserts()).extracting(e -> e.key().get("id")).containsExactly(7);
    }

    @Test
    void tablesKeepTheirFirstSeenOrderAndKeysAreScopedByTable() {
        List<TableChanges> reduced = ChangeReducer.reduce(List.of(
                upsert(ORDERS, 1, "o"), upsert(CUSTOMERS, 1, "c"), delete(ORDERS, 1)));

        assertThat(reduced).extracting(TableChanges::table).containsExactly(ORDERS, CUSTOMERS);
        assertThat(reduced.get(0).deletes()).hasSize(1);
        assertThat(reduced.get(0).upserts()).isEmpty();
        assertThat(reduced.get(1).upserts()).hasSize(1);
    }

    @Test
    void binaryKeysCompareByContent() {
        ChangeEvent first = event(CUSTOMERS, Operation.UPSERT, Map.of("id", new byte[] {0, 1}), "a");
        ChangeEvent second = event(CUSTOMERS, Operation.UPSERT, Map.of("id", new byte[] {0, 1}), "b");

        assertThat(ChangeReducer.reduce(List.of(first, second)).get(0).upserts()).containsExactly(second);
    }

    @Test
    void latestDescribesTheTableShape() {
        ChangeEvent last = upsert(CUSTOMERS, 3, "z");
        TableChanges changes = ChangeReducer.reduce(List.of(upsert(CUSTOMERS, 3, "y"), delete(CUSTOMERS, 4), last)).get(0);

        assertThat(changes.latest()).isSameAs(last);
        assertThat(changes.keyColumns()).containsExactly("id");
    }

    private ChangeEvent upsert(TableId table, int id, String name) {
        return event(table, Operation.UPSERT, Map.of("id", id), name);
    }

    private ChangeEvent delete(TableId table, int id) {
        return event(table, Operation.DELETE, Map.of("id", id), null);
    }

    private ChangeEvent event(TableId table, Operation operation, Map<String, Object> key, String name) {
        Map<String, Object> row = new LinkedHashMap<>(key);
        row.put("name", name);
        return new ChangeEvent(table, operation, COLUMNS, new ArrayList<>(key.keySet()), key, row,
                1_700_000_000_000L + offset, new KafkaPosition("lz.shop." + table.table(), 0, offset++));
    }
}
