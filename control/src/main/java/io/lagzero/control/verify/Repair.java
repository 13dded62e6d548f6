package io.lagzero.control.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.TableId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code --repair}: rows missing or different in the target are sent through the pipeline again,
 * by a Debezium incremental-snapshot signal restricted to their keys ({@code additional-conditions});
 * rows only in the target, which no change event can remove, are deleted there.
 */
final class Repair {
    private static final int KEYS_PER_SIGNAL = 500;

    private final Connection source;
    private final Connection target;
    private final Dialect sourceDialect;
    private final TableId signalTable;

    Repair(Connection source, Connection target, TableId signalTable) throws SQLException {
        this.source = source;
        this.target = target;
        this.sourceDialect = Dialects.of(source);
        this.signalTable = signalTable;
    }

    void send(TableLayout layout, List<RowDifference> differences) throws SQLException {
        List<List<Comparable<?>>> resend = new ArrayList<>();
        List<List<Comparable<?>>> extra = new ArrayList<>();
        for (RowDifference difference : differences) {
            (difference.kind() == RowDifference.Kind.EXTRA ? extra : resend).add(difference.keyValues());
        }
        for (int from = 0; from < resend.size(); from += KEYS_PER_SIGNAL) {
            signal(layout, resend.subList(from, Math.min(resend.size(), from + KEYS_PER_SIGNAL)));
        }
        deleteInTarget(layout, extra);
    }

    private void signal(TableLayout layout, List<List<Comparable<?>>> keys) throws SQLException {
        String table = layout.table().toString();
        String filter = keys.stream().map(key -> condition(layout, key)).collect(Collectors.joining(" OR "));
        String data = ReportJson.MAPPER.createObjectNode()
                .put("type", "incremental")
                .<ObjectNode>set("data-collections",
                        ReportJson.MAPPER.createArrayNode().add(table))
                .set("additional-conditions", ReportJson.MAPPER.createArrayNode().add(
                        ReportJson.MAPPER.createObjectNode().put("data-collection", table).put("filter", filter)))
                .toString();
        String sql = "INSERT INTO " + sourceDialect.qualified(signalTable.database(), signalTable.table())
                + " (id, type, data) VALUES (?, 'execute-snapshot', ?)";
        try (PreparedStatement ps = source.prepareStatement(sql)) {
            ps.setString(1, "lagzero-repair-" + UUID.randomUUID());
            ps.setString(2, data);
            ps.executeUpdate();
        }
    }

    /** {@code (`k1` = 1 AND `k2` = 'x')}: Debezium adds it to its snapshot query on the source. */
    private String condition(TableLayout layout, List<Comparable<?>> key) {
        List<ComparedColumn> columns = layout.keyColumns();
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            terms.add(sourceDialect.quote(columns.get(i).source()) + " = " + literal(key.get(i)));
        }
        return "(" + String.join(" AND ", terms) + ")";
    }

    static String literal(Comparable<?> value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof CanonicalValue.Bytes b) {
            return "X'" + HexFormat.of().formatHex(b.value()) + "'";
        }
        if (value instanceof Double || value instanceof Integer) {
            return value.toString();
        }
        String text = value instanceof LocalDateTime t ? t.toLocalDate() + " " + t.toLocalTime()
                : value instanceof LocalDate d ? d.toString() : value.toString();
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private void deleteInTarget(TableLayout layout, List<List<Comparable<?>>> keys) throws SQLException {
        SideReader reader = SideReader.target(target, layout);
        for (List<Comparable<?>> key : keys) {
            reader.delete(key);
        }
    }
}
