package io.lagzero.sink.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.ValueKind;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A primary key as the copy state stores it: each column's value as the source's text (hex for
 * binary columns), bound back into the next chunk's query, so the source compares it with its own
 * types and collation.
 */
final class KeyCursor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private KeyCursor() {
    }

    /** The key of the result set's current row, whose key columns are at {@code indexes} (1-based). */
    static List<String> read(ResultSet rs, List<Column> keyColumns, int[] indexes) throws SQLException {
        List<String> values = new ArrayList<>(keyColumns.size());
        for (int i = 0; i < keyColumns.size(); i++) {
            values.add(binary(keyColumns.get(i)) ? HEX.formatHex(rs.getBytes(indexes[i])) : rs.getString(indexes[i]));
        }
        return values;
    }

    static String encode(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> values(String cursor) {
        try {
            return JSON.readValue(cursor, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable copy-state cursor " + cursor, e);
        }
    }

    static void bind(PreparedStatement statement, int index, Column column, String value) throws SQLException {
        switch (column.kind()) {
            case BYTES, BITS, BOOLEAN -> statement.setBytes(index, HEX.parseHex(value));
            // Compared with a string, an integer column would be compared as a double: inexact past 2^53.
            case INT8, INT16, INT32, INT64, YEAR -> statement.setLong(index, Long.parseLong(value));
            case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(value));
            default -> statement.setString(index, value);
        }
    }

    private static boolean binary(Column column) {
        return column.kind() == ValueKind.BYTES || column.kind() == ValueKind.BITS || column.kind() == ValueKind.BOOLEAN;
    }
}
