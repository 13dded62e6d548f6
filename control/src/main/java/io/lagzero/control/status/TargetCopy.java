package io.lagzero.control.status;

import io.lagzero.connector.JdbcConnections;
import io.lagzero.connector.SetupException;
import io.lagzero.sink.backfill.CopyState;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The backfill's progress as committed in the target's copy state ({@value CopyState#TABLE}): on
 * Kafka Connect the sink's tasks copy, and this is what they have copied.
 *
 * @param tables each table's copy; empty when no backfill ran against this target, or when the
 *     target cannot be read (the heartbeat's reading then says why)
 */
record TargetCopy(Map<TableId, CopyState.TableCopy> tables) {
    static TargetCopy read(String url, String user, String password) {
        try (Connection c = JdbcConnections.open("target", url, user, password)) {
            c.setAutoCommit(false);
            CopyState state = new CopyState(Dialects.forUrl(url));
            List<TableId> tables = state.tables(c);
            return new TargetCopy(tables.isEmpty() ? Map.of() : state.progress(c, tables));
        } catch (SQLException | SetupException e) {
            return new TargetCopy(Map.of());
        }
    }

    boolean copying() {
        return tables.values().stream().anyMatch(copy -> !copy.done());
    }

    /** As {@code lagzero run}'s status says it: tables copied, those held, rows so far. */
    String summary() {
        long done = tables.values().stream().filter(CopyState.TableCopy::done).count();
        List<String> held = tables.values().stream().filter(copy -> copy.phase() == CopyState.Phase.PAUSED
                || copy.phase() == CopyState.Phase.ABORTED).map(copy -> copy.table() + " " + phase(copy)).toList();
        long rows = tables.values().stream().mapToLong(CopyState.TableCopy::rows).sum();
        return "backfill in progress: " + done + " of " + tables.size() + " tables copied"
                + (held.isEmpty() ? "" : " (" + String.join(", ", held) + ")") + ", " + rows + " rows";
    }

    /** The table's phase as {@code lagzero run}'s status names it: a copied table is {@code streaming}. */
    static String phase(CopyState.TableCopy copy) {
        return copy.done() ? "streaming" : copy.phase().statusName();
    }
}
