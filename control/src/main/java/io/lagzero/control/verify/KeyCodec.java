package io.lagzero.control.verify;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;

/** Primary-key values as text with their type, so a state file can bring back the exact key. */
final class KeyCodec {
    private KeyCodec() {
    }

    static List<String> encode(List<Comparable<?>> key) {
        return key.stream().map(KeyCodec::encode).toList();
    }

    static List<Comparable<?>> decode(List<String> key) {
        return key.stream().<Comparable<?>>map(KeyCodec::decode).toList();
    }

    static String encode(Comparable<?> value) {
        if (value instanceof BigDecimal d) {
            return "n:" + d.toPlainString();
        }
        if (value instanceof CanonicalValue.Bytes b) {
            return "b:" + HexFormat.of().formatHex(b.value());
        }
        if (value instanceof LocalDateTime t) {
            return "t:" + t;
        }
        if (value instanceof LocalDate d) {
            return "d:" + d;
        }
        if (value instanceof Double f) {
            return "f:" + f;
        }
        if (value instanceof Integer i) {
            return "i:" + i;
        }
        if (value instanceof String s) {
            return "s:" + s;
        }
        throw new IllegalArgumentException("a key value of type " + value.getClass().getSimpleName() + " cannot be stored");
    }

    static Comparable<?> decode(String encoded) {
        String text = encoded.substring(2);
        return switch (encoded.substring(0, 2)) {
            case "n:" -> new BigDecimal(text);
            case "b:" -> new CanonicalValue.Bytes(HexFormat.of().parseHex(text));
            case "t:" -> LocalDateTime.parse(text);
            case "d:" -> LocalDate.parse(text);
            case "f:" -> Double.valueOf(text);
            case "i:" -> Integer.valueOf(text);
            case "s:" -> text;
            default -> throw new IllegalArgumentException("not a stored key value: " + encoded);
        };
    }
}
