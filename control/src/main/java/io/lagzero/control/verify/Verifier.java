package io.lagzero.control.verify;

import io.lagzero.connector.JdbcConnections;
import io.lagzero.connector.SignalTable;
import io.lagzero.connector.SourcePreflight;
import io.lagzero.connector.rate.Pacer;
import io.lagzero.control.cli.EndpointOptions;
import io.lagzero.control.cli.UserError;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.TableId;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.source.TableSelector;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One verification pass over every selected table, resumable from its state file; records the
 * finished pass, clean or not, as the last pass. {@code lagzero verify} runs it, and so
 * can a cutover that needs a fresh verification.
 */
public final class Verifier {
    /**
     * @param tables the selected source tables
     * @param columnMapping the mapping the sink applies
     */
    public record Endpoints(String sourceUrl, String sourceUser, String sourcePassword, String targetUrl,
            String targetUser, String targetPassword, TableSelector tables, ColumnMapping columnMapping) {
        /** The endpoints a command's options name (passwords from the environment or --config). */
        public static Endpoints of(EndpointOptions options) {
            return new Endpoints(options.sourceUrl(), options.sourceUser(), options.sourcePassword(), options.targetUrl(),
                    options.targetUser(), options.targetPassword(), options.tables(), options.columnMapping());
        }

        String fingerprint() {
            String text = String.join("\n", Dialects.withoutQuery(sourceUrl), Dialects.withoutQuery(targetUrl),
                    String.join(",", tables.patterns()), columnMapping.toString());
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Endpoints endpoints;
    private final VerifySettings settings;
    private final VerifyProgress progress;

    public Verifier(Endpoints endpoints, VerifySettings settings, PrintWriter progress) {
        this.endpoints = endpoints;
        this.settings = settings;
        this.progress = new VerifyProgress(progress);
    }

    public VerifyReport run() throws SQLException, InterruptedException {
        try (Connection source = JdbcConnections.open("source", endpoints.sourceUrl(), endpoints.sourceUser(),
                        endpoints.sourcePassword());
                Connection target = JdbcConnections.open("target", endpoints.targetUrl(), endpoints.targetUser(),
                        endpoints.targetPassword())) {
            CanonicalValue.useUtc(source);
            CanonicalValue.useUtc(target);
            List<TableId> tables = SourcePreflight.selectedTables(source, endpoints.tables()).stream()
                    .filter(this::isData).toList();
            if (tables.isEmpty()) {
                throw new UserError("--tables " + String.join(",", endpoints.tables().patterns())
                        + " matches only the signal table. Fix: list the tables to verify, e.g. --tables app.*");
            }
            String targetQualifier = Dialects.of(target).currentQualifier(target);
            Repair repair = repair(source, target, targetQualifier, tables);
            VerifyState state = VerifyState.open(settings.stateDir(), endpoints.fingerprint(), settings.resume());
            TableVerifier verifier = new TableVerifier(source, target, settings,
                    new Pacer(settings.maxRowsPerSecond()), progress, repair);
            List<TableResult> results = new ArrayList<>();
            for (TableId table : tables) {
                results.add(verify(table, state, source, target, targetQualifier, verifier));
            }
            VerifyReport report = new VerifyReport(state.startedAt(), Instant.now(), results);
            LastPass.write(settings.stateDir(), report);
            return report;
        }
    }

    private TableResult verify(TableId table, VerifyState state, Connection source, Connection target,
            String targetQualifier, TableVerifier verifier) throws SQLException, InterruptedException {
        TableState tableState = state.table(table.toString());
        if (tableState.result != null) {
            progress.done(tableState.result);
            return tableState.result;
        }
        long estimated = estimatedRows(source, table);
        progress.started(table.toString(), estimated, state.resumed(table.toString()));
        TableResult result;
        try {
            TableLayout layout = TableLayout.read(source, target, targetQualifier, table, endpoints.columnMapping());
            result = verifier.verify(layout, tableState, estimated, state::save);
        } catch (TableLayout.Problem problem) {
            result = TableResult.problem(table.toString(), table.table(), problem.getMessage());
        }
        tableState.result = result;
        state.save();
        progress.done(result);
        return result;
    }

    /**
     * A signal table given with {@code --signal-table} holds Debezium's bookkeeping, not the
     * application's data (lagzero's own tables are never selected in the first place).
     */
    private boolean isData(TableId table) {
        return !table.equals(settings.signalTable());
    }

    /**
     * What repairs persistent differences with {@code --repair}, once every precondition holds;
     * null without {@code --repair}. Nothing is changed in either database before this returns.
     */
    private Repair repair(Connection source, Connection target, String targetQualifier,
            List<TableId> tables) throws SQLException {
        if (!settings.repair()) {
            return null;
        }
        TableId signal = settings.signalTable() != null ? settings.signalTable()
                : new TableId(tables.get(0).database(), SignalTable.NAME);
        new RepairChecks(source, target, targetQualifier).require(signal, tables, endpoints.sourceUser(),
                endpoints.targetUser());
        return new Repair(source, target, signal);
    }

    private static long estimatedRows(Connection source, TableId table) throws SQLException {
        try (PreparedStatement ps = source.prepareStatement(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, table.database());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
