package io.lagzero.connector;

import io.lagzero.sink.event.TableId;
import java.util.ArrayList;
import java.util.List;

/** What preflight found on the source: its flavor and the tables to replicate. */
public record SourceDatabase(SourceFlavor flavor, String version, List<TableId> tables) {
    public SourceDatabase {
        tables = List.copyOf(tables);
    }

    /** The same source with one more table to replicate (if it is not already among them). */
    public SourceDatabase including(TableId table) {
        if (tables.contains(table)) {
            return this;
        }
        List<TableId> more = new ArrayList<>(tables);
        more.add(table);
        return new SourceDatabase(flavor, version, more);
    }
}
