package io.lagzero.sink.mapping;

import java.util.Locale;

/** A value conversion a {@link ColumnRule} applies between the source column and the target column. */
public enum Conversion {
    /**
     * Hex text to the bytes it spells, e.g. a VARCHAR(64) SHA-256 in hex to 32 bytes (MySQL's
     * {@code UNHEX}). Upper and lower case digits are accepted; anything else is an error, never
     * altered.
     */
    HEX_TO_BINARY("hex_to_binary");

    private final String action;

    Conversion(String action) {
        this.action = action;
    }

    /** The action's name in the {@code column.mapping} syntax. */
    public String action() {
        return action;
    }

    static Conversion forAction(String action) {
        for (Conversion conversion : values()) {
            if (conversion.action.equals(action.toLowerCase(Locale.ROOT))) {
                return conversion;
            }
        }
        return null;
    }

    /**
     * The target value of a source value (null stays null), as the sink writes it and as a verifier
     * should compare it.
     *
     * @throws IllegalArgumentException if the value cannot be converted; the message gives the
     *     value's length, never the value
     */
    public Object convert(Object sourceValue) {
        if (sourceValue == null) {
            return null;
        }
        if (!(sourceValue instanceof String text)) {
            throw new IllegalArgumentException(action + " needs text, got " + sourceValue.getClass().getSimpleName());
        }
        return unhex(text);
    }

    private static byte[] unhex(String text) {
        if (text.length() % 2 != 0) {
            throw new IllegalArgumentException("a value of length " + text.length()
                    + " is not hex text (odd number of digits)");
        }
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < text.length(); i++) {
            int digit = hexDigit(text.charAt(i));
            if (digit < 0) {
                throw new IllegalArgumentException("a value of length " + text.length()
                        + " is not hex text (position " + i + " is not 0-9, a-f or A-F)");
            }
            bytes[i / 2] |= (byte) (i % 2 == 0 ? digit << 4 : digit);
        }
        return bytes;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
