package io.lagzero.control.backfill;

import io.lagzero.control.cli.EndpointOptions;
import io.lagzero.control.cli.SinkKeys;
import io.lagzero.control.cli.UserError;
import io.lagzero.control.cli.UsesEndpoints;
import io.lagzero.sink.apply.ChangeApplier;
import io.lagzero.sink.apply.TargetPool;
import io.lagzero.sink.apply.TargetSettings;
import io.lagzero.sink.backfill.CopyState;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.event.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lagzero backfill pause|resume|abort|recopy}: steers the backfill through its copy state in
 * the target, so it works alike for a running {@code lagzero run}, Kafka Connect tasks, and the next
 * start. Workers pick a change up before their next chunk.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Pauses, resumes, aborts or re-copies the backfill of tables, through its copy state in the target "
                + "(table lagzero_backfill): a running pipeline picks the change up within a second.",
            "recopy empties the tables in the target and copies them again while changes keep streaming."})
public final class BackfillCommand implements Callable<Integer>, UsesEndpoints {
    /** What to do with the tables' copy. */
    enum Action { PAUSE, RESUME, ABORT, RECOPY }

    @Mixin
    EndpointOptions endpoints;

    @Parameters(index = "0", paramLabel = "ACTION", description = "pause, resume, abort or recopy")
    Action action;

    @Spec
    CommandSpec spec;

    @Override
    public EndpointOptions endpoints() {
        return endpoints;
    }

    @Override
    public Integer call() {
        TargetSettings target = SinkKeys.settings(endpoints.targetUrl(), endpoints.targetUser(), endpoints.targetPassword(),
                endpoints.sourceUrl(), endpoints.sourceUser(), endpoints.sourcePassword(), Map.of()).target();
        CopyState state = new CopyState(target.dialect());
        try (var pool = TargetPool.open(target, "lagzero-backfill-command", 1); Connection connection = pool.getConnection()) {
            List<TableId> tables = state.tables(connection).stream().filter(endpoints.tables()::matches).toList();
            if (tables.isEmpty()) {
                throw new UserError("No table of --tables " + String.join(",", endpoints.tables().patterns()) + " has a backfill "
                        + "in " + Dialects.withoutQuery(target.jdbcUrl()) + ". Fix: name tables lagzero run backfills (their "
                        + "copy state is in its target's table " + CopyState.TABLE + ")");
            }
            switch (action) {
                case PAUSE -> state.set(connection, tables, CopyState.Phase.PAUSED);
                case RESUME -> state.set(connection, tables, CopyState.Phase.COPY);
                case ABORT -> state.set(connection, tables, CopyState.Phase.ABORTED);
                case RECOPY -> recopy(target, state, connection, tables);
            }
            state.progress(connection, tables).values().forEach(copy -> spec.commandLine().getOut().printf("%s: %s, %,d rows in %,d chunks "
                    + "copied%n", copy.table(), copy.phase().name().toLowerCase(Locale.ROOT), copy.rows(),
                    copy.chunks()));
            return 0;
        } catch (SQLException e) {
            throw new UserError("Cannot change the backfill in the target " + Dialects.withoutQuery(target.jdbcUrl()) + ": "
                    + e.getMessage() + ". Fix: check --target and --target-user (it needs UPDATE on " + CopyState.TABLE
                    + ")", e);
        }
    }

    /** Stops the workers on these tables, empties them in the target, and starts their copy over. */
    private static void recopy(TargetSettings target, CopyState state, Connection connection, List<TableId> tables)
            throws SQLException {
        state.set(connection, tables, CopyState.Phase.PAUSED);
        try (ChangeApplier applier = new ChangeApplier(target, "lagzero-backfill-recopy")) {
            applier.truncate(tables);
        }
        state.restart(connection, tables);
    }
}
