package io.lagzero.control.run;

import io.lagzero.connector.JdbcConnections;
import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact row counts of the source tables ({@code SELECT COUNT(*)}), taken once at start in the
 * background, as the denominator of snapshot progress.
 */
final class SourceRowCounts {
    private static final Logger LOG = LoggerFactory.getLogger(SourceRowCounts.class);

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    static SourceRowCounts countInBackground(PipelineConfig config, List<TableId> tables) {
        SourceRowCounts counts = new SourceRowCounts();
        Thread thread = new Thread(() -> counts.count(config, tables), "lagzero-row-counts");
        thread.setDaemon(true);
        thread.start();
        return counts;
    }

    private void count(PipelineConfig config, List<TableId> tables) {
        try (Connection c = JdbcConnections.open("source", config.sourceUrl(), config.sourceUser(), config.sourcePassword());
                Statement s = c.createStatement()) {
            for (TableId table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table.database() + "`.`" + table.table() + "`")) {
                    rs.next();
                    counts.put(table.toString(), rs.getLong(1));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Cannot count the source rows, so snapshot progress has no percentage: {}", e.getMessage());
        }
    }

    /** Rows of {@code db.table} at start; empty while not counted yet. */
    OptionalLong of(String table) {
        Long count = counts.get(table);
        return count == null ? OptionalLong.empty() : OptionalLong.of(count);
    }
}
