package io.lagzero.sink.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MariaDbLagzeroSinkTaskTest extends AbstractLagzeroSinkTaskTest {
    private static MariaDbServer server;

    @BeforeAll
    static void startServer() {
        server = MariaDbServer.startTarget("sink-task-mariadb");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** No record can get past a missing database: the task stops instead of emptying the topic into the DLQ. */
    @Test
    void aDroppedTargetDatabaseFailsTheTaskWithoutDeadLettering() {
        String url = createDatabase("task_gone");
        RecordingSinkTaskContext context = context(url, true);
        LagzeroSinkTask task = start("task_gone", context);
        task.put(List.of(customer(1, "Ann")));
        server.execute("", "DROP DATABASE task_gone");

        assertThatThrownBy(() -> task.put(List.of(customer(2, "Bob"), customer(3, "Cid"))))
                .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("refuses every change").hasMessageContaining("Unknown database");
        assertThat(context.reported).isEmpty();
    }

    @Override
    protected String createDatabase(String database) {
        server.createDatabase(database);
        return server.url(database) + "?sessionVariables=innodb_lock_wait_timeout=1";
    }

    @Override
    protected DatabaseServer server() {
        return server;
    }
}
