package io.lagzero.control.run;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/** The sink's consumer group as Kafka sees it: its backlog, and moving it past old events. */
final class SinkGroup implements AutoCloseable {
    private final Admin admin;
    private final String groupId;

    SinkGroup(String bootstrapServers, String groupId) {
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers, "client.id", groupId + "-admin"));
        this.groupId = groupId;
    }

    static String instanceId(String groupId) {
        return groupId + "-0";
    }

    boolean hasCommittedOffsets() {
        return !committed().isEmpty();
    }

    /** Change events in these topics that the sink has not committed to the target yet. */
    long backlog(Collection<String> topics) {
        Map<TopicPartition, OffsetAndMetadata> committed = committed();
        return endOffsets(topics).entrySet().stream().mapToLong(end -> {
            OffsetAndMetadata done = committed.get(end.getKey());
            return end.getValue() - (done == null ? 0 : done.offset());
        }).sum();
    }

    /** Marks every event now in these topics as consumed; the crashed runner's static member goes first. */
    void skipToEnd(Collection<String> topics) {
        try {
            admin.removeMembersFromConsumerGroup(groupId, new RemoveMembersFromConsumerGroupOptions(
                    List.of(new MemberToRemove(instanceId(groupId))))).all().get();
        } catch (ExecutionException | InterruptedException e) {
            // Not a member (any more): nothing to remove.
        }
        Map<TopicPartition, OffsetAndMetadata> ends = endOffsets(topics).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
        get(admin.alterConsumerGroupOffsets(groupId, ends).all());
    }

    private Map<TopicPartition, OffsetAndMetadata> committed() {
        return get(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
    }

    private Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        Set<String> existing = get(admin.listTopics().names());
        List<String> present = topics.stream().filter(existing::contains).toList();
        if (present.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = get(admin.describeTopics(present).allTopicNames()).values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = get(admin.listOffsets(latest).all());
        return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private <T> T get(KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a request for consumer group " + groupId + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking Kafka about consumer group " + groupId, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
