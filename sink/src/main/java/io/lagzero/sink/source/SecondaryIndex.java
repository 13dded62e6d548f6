package io.lagzero.sink.source;

import java.util.List;

/**
 * A source table's secondary index, as the target should have it.
 *
 * @param name the source index name
 * @param unique whether the source index is UNIQUE
 * @param parts the indexed columns in order, each with its prefix length (null: the whole value)
 */
public record SecondaryIndex(String name, boolean unique, List<Part> parts) {
    public record Part(String column, Integer prefixLength) {
    }

    public SecondaryIndex {
        parts = List.copyOf(parts);
    }
}
