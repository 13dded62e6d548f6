package io.lagzero.sink.event;

import java.math.BigInteger;
import java.util.BitSet;

/**
 * A MySQL {@code BIT(n)} value, n &gt; 1. Debezium's {@code io.debezium.data.Bits} carries the bits
 * little-endian (byte 0 holds bits 0..7), exactly as {@link BitSet#valueOf(byte[])} reads them.
 */
public record BitString(BitSet bits, int length) {
    public static BitString fromLittleEndian(byte[] bytes, int length) {
        return new BitString(BitSet.valueOf(bytes), length);
    }

    public BigInteger toBigInteger() {
        BigInteger value = BigInteger.ZERO;
        for (int i = bits.nextSetBit(0); i >= 0; i = bits.nextSetBit(i + 1)) {
            value = value.setBit(i);
        }
        return value;
    }

    /** Most significant bit first, {@code length} digits: the text form of SQL bit strings. */
    public String toBinaryText() {
        StringBuilder text = new StringBuilder(length);
        for (int i = length - 1; i >= 0; i--) {
            text.append(bits.get(i) ? '1' : '0');
        }
        return text.toString();
    }
}
