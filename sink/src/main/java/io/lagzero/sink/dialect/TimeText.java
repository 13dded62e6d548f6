package io.lagzero.sink.dialect;

import java.time.Duration;

/** A MySQL TIME value as text, {@code [-]H:MM:SS.ffffff}, which both MariaDB TIME and PostgreSQL interval read. */
final class TimeText {
    private TimeText() {
    }

    static String of(Duration duration) {
        Duration abs = duration.abs();
        long micros = abs.getNano() / 1000;
        return String.format("%s%d:%02d:%02d.%06d", duration.isNegative() ? "-" : "",
                abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart(), micros);
    }
}
