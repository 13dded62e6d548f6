package io.lagzero.sink.apply;

import io.lagzero.sink.event.ChangeEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Applies {@link NulHandling} to the text values of a change, for a target that cannot store U+0000. */
final class NulCharacters {
    private static final char NUL = '\0';
    private static final String REPLACEMENT = "\uFFFD";

    private final NulHandling handling;

    /** @param handling null when the target stores NUL characters as they are */
    NulCharacters(NulHandling handling) {
        this.handling = handling;
    }

    ChangeEvent apply(ChangeEvent event) {
        if (handling == null || !hasNul(event.row()) && !hasNul(event.key())) {
            return event;
        }
        if (handling == NulHandling.FAIL) {
            String column = event.row().entrySet().stream().filter(e -> isNulText(e.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElse("?");
            throw new ApplyException(event.table(), "Cannot write record " + event.position() + " (table "
                    + event.table() + ", key " + event.key() + "): column " + column + " holds a NUL character "
                    + "(U+0000), which the target cannot store. Fix: set the NUL handling to 'strip' or 'replace' "
                    + "(nul.handling / --nul-handling), or remove the character on the source", null);
        }
        return new ChangeEvent(event.table(), event.operation(), event.columns(), event.keyColumns(),
                cleaned(event.key()), cleaned(event.row()), event.sourceTsMs(), event.position());
    }

    private static boolean hasNul(Map<String, Object> values) {
        return values.values().stream().anyMatch(NulCharacters::isNulText);
    }

    private static boolean isNulText(Object value) {
        return value instanceof String text && text.indexOf(NUL) >= 0;
    }

    private Map<String, Object> cleaned(Map<String, Object> values) {
        Map<String, Object> cleaned = new LinkedHashMap<>(values);
        cleaned.replaceAll((column, value) -> isNulText(value)
                ? ((String) value).replace(String.valueOf(NUL), handling == NulHandling.STRIP ? "" : REPLACEMENT)
                : value);
        return Collections.unmodifiableMap(cleaned);
    }
}
