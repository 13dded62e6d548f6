package io.lagzero.sink.batch;

import io.lagzero.sink.event.ChangeEvent;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The primary-key values of one row, comparable by content (byte arrays and decimals included). */
public record RowKey(List<Object> values) {
    public static RowKey of(ChangeEvent event) {
        List<Object> values = new ArrayList<>(event.keyColumns().size());
        for (Object value : event.key().values()) {
            values.add(normalized(value));
        }
        return new RowKey(List.copyOf(values));
    }

    private static Object normalized(Object value) {
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes.clone());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros();
        }
        return value;
    }
}
