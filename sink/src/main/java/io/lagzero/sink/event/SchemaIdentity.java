package io.lagzero.sink.event;

import org.apache.kafka.connect.data.Schema;

/**
 * A schema object as a map key. Converters hand out one object per schema they read, so the object
 * itself identifies the schema; comparing schemas by value (deep equals and hash) would cost more
 * than the work such a map saves.
 */
public record SchemaIdentity(Schema schema) {
    @Override
    public boolean equals(Object other) {
        return other instanceof SchemaIdentity that && that.schema == schema;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(schema);
    }
}
