package io.lagzero.sink.batch;

import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.event.TableId;
import java.util.List;

/**
 * The net changes of one table in a batch: at most one change per key.
 *
 * @param latest the table's last change in the batch; its columns describe the table's current shape
 */
public record TableChanges(TableId table, List<ChangeEvent> deletes, List<ChangeEvent> upserts, ChangeEvent latest) {
    public List<Column> columns() {
        return latest.columns();
    }

    public List<String> keyColumns() {
        return latest.keyColumns();
    }
}
