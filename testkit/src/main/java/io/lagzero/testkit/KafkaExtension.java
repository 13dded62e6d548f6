package io.lagzero.testkit;

import io.lagzero.sandbox.kafka.KafkaBroker;

/**
 * A throw-away Kafka broker for tests ({@link ServerExtension}): {@link KafkaBroker#startTemporary},
 * any free port, its directory deleted when it stops.
 * <pre>
 * &#64;RegisterExtension
 * static final KafkaExtension kafka = new KafkaExtension("my-kafka");
 * </pre>
 */
public final class KafkaExtension extends ServerExtension<KafkaBroker> {
    public KafkaExtension(String name) {
        super(() -> KafkaBroker.startTemporary(name));
    }

    public String bootstrapServers() {
        return get().bootstrapServers();
    }
}
