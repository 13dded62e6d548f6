package io.lagzero.connector;

import java.util.List;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * How many of a batch's records, from its start, may have their binlog position committed.
 * Debezium turns a primary-key change into a delete of the old key (header {@value #NEW_KEY}), maybe
 * a tombstone, and a create of the new key (header {@value #OLD_KEY}), all carrying the position
 * after the row. Committing that position once the delete is in Kafka but before the create is
 * loses the create for good if the process dies then: the restart resumes after the row
 * (debezium/dbz#2549, open upstream in 3.5). So a batch that ends inside such a change commits only
 * up to the record before it; the next batch completes it, or a restart replays the delete, which
 * the sink applies again harmlessly.
 */
final class CommittableRecords {
    static final String NEW_KEY = "__debezium.newkey";
    static final String OLD_KEY = "__debezium.oldkey";

    private CommittableRecords() {
    }

    static int count(List<SourceRecord> records) {
        int committable = 0;
        boolean insideKeyChange = false;
        for (int i = 0; i < records.size(); i++) {
            Headers headers = records.get(i).headers();
            if (headers.lastWithName(NEW_KEY) != null) {
                insideKeyChange = true;
            } else if (headers.lastWithName(OLD_KEY) != null) {
                insideKeyChange = false;
            }
            if (!insideKeyChange) {
                committable = i + 1;
            }
        }
        return committable;
    }
}
