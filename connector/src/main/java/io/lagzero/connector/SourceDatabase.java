package io.lagzero.connector;

import java.util.List;

/** What preflight found on the source: its flavor and the tables to replicate. */
public record SourceDatabase(SourceFlavor flavor, String version, List<TableId> tables) {
    public SourceDatabase {
        tables = List.copyOf(tables);
    }
}
