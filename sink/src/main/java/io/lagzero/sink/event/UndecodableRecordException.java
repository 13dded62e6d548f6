package io.lagzero.sink.event;

/** A record that is not a change event this sink understands; it names the record and the reason. */
public class UndecodableRecordException extends RuntimeException {
    private final KafkaPosition position;

    public UndecodableRecordException(KafkaPosition position, String reason, Throwable cause) {
        super("Cannot decode record " + position + ": " + reason, cause);
        this.position = position;
    }

    public KafkaPosition position() {
        return position;
    }
}
