package io.lagzero.sink.apply;

import io.lagzero.sink.batch.TableChanges;
import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.naming.TableNameFormat;

/** The target table of a table's changes, from the configured {@link TableNameFormat}. */
record TargetNames(TableNameFormat format) {
    String of(TableChanges changes) {
        return format.resolve(changes.table(), changes.latest().position().topic());
    }

    String of(ChangeEvent event) {
        return format.resolve(event.table(), event.position().topic());
    }

    /** For operations without a record at hand; the format must not need the topic. */
    String of(TableId table) {
        if (format.usesTopic()) {
            throw new IllegalStateException("the table name format '" + format.pattern()
                    + "' needs the topic, which is unknown here");
        }
        return format.resolve(table, null);
    }
}
