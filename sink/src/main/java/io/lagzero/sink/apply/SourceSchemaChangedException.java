package io.lagzero.sink.apply;

import io.lagzero.sink.event.TableId;
import java.util.List;

/**
 * A source table changed in a way the target does not follow on its own, under {@link DdlPolicy#STOP}.
 * Not a problem of one record: replication stops until an operator acts.
 */
public final class SourceSchemaChangedException extends RuntimeException {
    private final TableId table;

    SourceSchemaChangedException(TableId table, String targetTable, List<String> changes) {
        super("Source table " + table + " changed: " + String.join("; ", changes) + ". The DDL policy 'stop' "
                + "stops replication here so target table " + targetTable + " cannot silently diverge. Fix: change "
                + "target table " + targetTable + " to match (ALTER TABLE), then restart; or set the DDL policy to "
                + "'ignore' (ddl.policy / --ddl-policy) to keep applying into the table as it is.");
        this.table = table;
    }

    public TableId table() {
        return table;
    }
}
