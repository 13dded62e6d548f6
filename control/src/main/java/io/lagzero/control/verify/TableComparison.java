package io.lagzero.control.verify;

import io.lagzero.sink.event.TableId;
import java.util.List;

/** Source and target of one table, compared row by row. */
public record TableComparison(
        TableId table,
        long sourceRows,
        long targetRows,
        String sourceChecksum,
        String targetChecksum,
        long missing,
        long extra,
        long different,
        List<String> samples) {

    public boolean identical() {
        return missing == 0 && extra == 0 && different == 0 && sourceChecksum.equals(targetChecksum);
    }

    public String summary() {
        return identical() ? "identical"
                : missing + " missing, " + extra + " extra, " + different + " different" + (samples.isEmpty() ? "" : "; e.g. " + samples.get(0));
    }
}
