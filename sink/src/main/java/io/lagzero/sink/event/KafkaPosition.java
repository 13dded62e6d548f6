package io.lagzero.sink.event;

import org.apache.kafka.connect.sink.SinkRecord;

/** Where a record was read, before any transformation renamed its topic. */
public record KafkaPosition(String topic, int partition, long offset) {
    public static KafkaPosition of(SinkRecord record) {
        Integer partition = record.originalKafkaPartition();
        return new KafkaPosition(record.originalTopic(), partition == null ? -1 : partition, record.originalKafkaOffset());
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
