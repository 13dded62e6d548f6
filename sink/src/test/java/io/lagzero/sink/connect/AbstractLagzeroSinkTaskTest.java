package io.lagzero.sink.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sink.metrics.ApplyMetrics.Op;
import io.lagzero.sink.metrics.ApplyMetrics.Outcome;
import io.lagzero.sink.metrics.CountingApplyMetrics;
import io.lagzero.sink.testing.DebeziumRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The Connect task against a real target; each test writes to its own database. */
@Tag("integration")
abstract class AbstractLagzeroSinkTaskTest {
    private static final TopicPartition CUSTOMERS = new TopicPartition("lz.shop.customers", 0);
    private static final TopicPartition NOTES = new TopicPartition("lz.shop.notes", 0);

    private final DebeziumRecords customers = DebeziumRecords.forTable("customers");
    private final DebeziumRecords notes = DebeziumRecords.forTable("notes");
    private final List<LagzeroSinkTask> tasks = new ArrayList<>();

    /** Creates an empty database and returns its JDBC URL; row-lock waits there give up after about a second. */
    protected abstract String createDatabase(String database);

    protected abstract DatabaseServer server();

    protected Connection connect(String database) throws SQLException {
        return server().connect(database);
    }

    @AfterEach
    void stopTasks() {
        tasks.forEach(LagzeroSinkTask::stop);
    }

    protected LagzeroSinkTask start(String database, RecordingSinkTaskContext context) {
        LagzeroSinkTask task = new LagzeroSinkTask();
        task.initialize(context);
        task.start(context.configs());
        tasks.add(task);
        return task;
    }

    protected RecordingSinkTaskContext context(String url, boolean withReporter, String... extra) {
        // No source database in these tests to read secondary indexes from (the default after_snapshot needs one).
        Map<String, String> props = new HashMap<>(Map.of("name", "lz-sink-test", "connection.url", url,
                "connection.username", server().user(), "connection.password", server().password(), "retry.backoff.ms", "250",
                "secondary.indexes", "none"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        return new RecordingSinkTaskContext(props, withReporter);
    }

    @Test
    void aBatchIsAppliedAndPreCommitReturnsTheNextOffsets() throws SQLException {
        String url = createDatabase("task_apply");
        LagzeroSinkTask task = start("task_apply", context(url, true));
        List<SinkRecord> batch = List.of(customer(1, "Ann"), customer(2, "Bob"), customers.delete(customerJson(2, "Bob")),
                customers.tombstone(customerJson(2, "Bob")), customer(3, "Cid"));

        Map<TopicPartition, OffsetAndMetadata> before = task.preCommit(Map.of(CUSTOMERS, new OffsetAndMetadata(0)));
        task.put(batch);

        assertThat(before).isEmpty();
        assertThat(task.preCommit(Map.of(CUSTOMERS, new OffsetAndMetadata(0))))
                .containsExactly(Map.entry(CUSTOMERS, new OffsetAndMetadata(5)));
        assertThat(names("task_apply", "customers")).containsExactly("1=Ann", "3=Cid");
        CountingApplyMetrics metrics = (CountingApplyMetrics) task.metrics();
        assertThat(metrics.get("shop.customers", Op.UPSERT, Outcome.APPLIED)).isEqualTo(2);
        assertThat(metrics.get("shop.customers", Op.DELETE, Outcome.APPLIED)).isEqualTo(1);
        assertThat(metrics.total(Outcome.SKIPPED)).isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheReporterAndTheRestOfTheBatchIsApplied() throws SQLException {
        String url = createDatabase("task_poison");
        execute("task_poison", "CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, body VARCHAR(3))");
        RecordingSinkTaskContext context = context(url, true, "batch.size", "2");
        LagzeroSinkTask task = start("task_poison", context);
        SinkRecord poison = notes.create("{\"id\": 2, \"body\": \"far too long for three characters\"}");
        List<SinkRecord> batch = List.of(customer(1, "Ann"), notes.create("{\"id\": 1, \"body\": \"ok\"}"), poison,
                customer(2, "Bob"), notes.create("{\"id\": 3, \"body\": \"abc\"}"), customer(3, "Cid"));

        task.put(batch);

        assertThat(context.reported).singleElement().satisfies(r -> {
            assertThat(r.record()).isSameAs(poison);
            assertThat(r.reason()).hasMessageContaining("notes").hasMessageContaining("22001");
        });
        assertThat(names("task_poison", "customers")).containsExactly("1=Ann", "2=Bob", "3=Cid");
        assertThat(bodies("task_poison")).containsExactly("1=ok", "3=abc");
        assertThat(task.preCommit(Map.of(CUSTOMERS, new OffsetAndMetadata(0), NOTES, new OffsetAndMetadata(0))))
                .containsOnly(Map.entry(CUSTOMERS, new OffsetAndMetadata(3)), Map.entry(NOTES, new OffsetAndMetadata(3)));
        assertThat(((CountingApplyMetrics) task.metrics()).get("shop.notes", Op.UPSERT, Outcome.DLQ)).isEqualTo(1);
    }

    @Test
    void aValueTheColumnMappingCannotConvertGoesToTheReporter() throws SQLException {
        String url = createDatabase("task_mapping");
        RecordingSinkTaskContext context = context(url, true, "column.mapping",
                "shop.customers.name hex_to_binary; shop.customers.email rename:mail");
        LagzeroSinkTask task = start("task_mapping", context);
        SinkRecord poison = customer(2, "zz-top!");

        task.put(List.of(customer(1, "00ff"), poison, customer(3, "ABCD")));

        assertThat(context.reported).singleElement().satisfies(r -> {
            assertThat(r.record()).isSameAs(poison);
            assertThat(r.reason()).hasMessageContaining("column.mapping: column shop.customers.name hex_to_binary failed")
                    .hasMessageContaining("length 7").hasMessageNotContaining("zz-top!");
        });
        assertThat(rows("task_mapping", "SELECT id, mail FROM customers ORDER BY id"))
                .containsExactly("1=c1@example.com", "3=c3@example.com");
    }

    @Test
    void withoutAReporterAPoisonRecordFailsTheTaskNamingTableKeyAndCause() throws SQLException {
        String url = createDatabase("task_fail");
        execute("task_fail", "CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, body VARCHAR(3))");
        LagzeroSinkTask task = start("task_fail", context(url, false));
        List<SinkRecord> batch = List.of(notes.create("{\"id\": 1, \"body\": \"ok\"}"),
                notes.create("{\"id\": 42, \"body\": \"far too long\"}"));

        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("lz.shop.notes-0@1").hasMessageContaining("table shop.notes")
                .hasMessageContaining("id=42").hasMessageContaining("target table notes")
                .hasMessageContaining("22001").hasMessageContaining("errors.tolerance=all");
        assertThat(task.preCommit(Map.of(NOTES, new OffsetAndMetadata(0)))).isEmpty();
    }

    @Test
    void aLockWaitTimeoutIsRetriedAndALaterPutOfTheSameRecordsSucceeds() throws SQLException {
        String url = createDatabase("task_retry");
        RecordingSinkTaskContext context = context(url, true, "max.retries", "3");
        LagzeroSinkTask task = start("task_retry", context);
        task.put(List.of(customer(1, "Ann")));
        List<SinkRecord> batch = List.of(customers.update(customerJson(1, "Ann"), customerJson(1, "Ann B.")),
                customer(2, "Bob"));

        try (Connection locker = connect("task_retry")) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.executeUpdate("UPDATE customers SET name = 'locked' WHERE id = 1");
            }
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
                    .hasMessageContaining("retry 1 of 3");
            locker.rollback();
        }
        assertThat(context.timeouts).containsExactly(250L);
        assertThat(context.reported).isEmpty();
        assertThat(task.preCommit(Map.of(CUSTOMERS, new OffsetAndMetadata(0))))
                .containsExactly(Map.entry(CUSTOMERS, new OffsetAndMetadata(1)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> task.put(batch));

        assertThat(names("task_retry", "customers")).containsExactly("1=Ann B.", "2=Bob");
        assertThat(task.preCommit(Map.of(CUSTOMERS, new OffsetAndMetadata(0))))
                .containsExactly(Map.entry(CUSTOMERS, new OffsetAndMetadata(3)));
        assertThat(((CountingApplyMetrics) task.metrics()).total(Outcome.RETRIED)).isEqualTo(2);
    }

    @Test
    void aRecordSentToTheReporterBeforeATransientFailureIsNotSentAgainWhenTheBatchIsRetried() throws SQLException {
        String url = createDatabase("task_narrow_retry");
        execute("task_narrow_retry", "CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, body VARCHAR(3))");
        RecordingSinkTaskContext context = context(url, true, "max.retries", "3");
        LagzeroSinkTask task = start("task_narrow_retry", context);
        task.put(List.of(customer(1, "Ann")));
        SinkRecord poison = notes.create("{\"id\": 2, \"body\": \"far too long\"}");
        // Notes come first, so the whole batch fails on the poison record; narrowing it down reports
        // the poison record and then waits for the locked customer row.
        List<SinkRecord> batch = List.of(poison, notes.create("{\"id\": 1, \"body\": \"ok\"}"),
                customers.update(customerJson(1, "Ann"), customerJson(1, "Ann B.")));

        try (Connection locker = connect("task_narrow_retry")) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.executeUpdate("UPDATE customers SET name = 'locked' WHERE id = 1");
            }
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class).hasMessageContaining("retry 1 of 3");
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class).hasMessageContaining("retry 2 of 3");
            locker.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> task.put(batch));

        assertThat(context.reported).extracting(RecordingSinkTaskContext.Reported::record).containsExactly(poison);
        assertThat(((CountingApplyMetrics) task.metrics()).total(Outcome.DLQ)).isEqualTo(1);
        assertThat(bodies("task_narrow_retry")).containsExactly("1=ok");
        assertThat(names("task_narrow_retry", "customers")).containsExactly("1=Ann B.");
        assertThat(task.preCommit(Map.of(CUSTOMERS, new OffsetAndMetadata(0), NOTES, new OffsetAndMetadata(0))))
                .containsOnly(Map.entry(CUSTOMERS, new OffsetAndMetadata(2)), Map.entry(NOTES, new OffsetAndMetadata(2)));
    }

    @Test
    void tableNameFormatDisabledDeletesAndNewColumnsShapeTheTarget() throws SQLException {
        String url = createDatabase("task_options");
        execute("task_options", "CREATE TABLE shop_customers (id INT NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL)");
        LagzeroSinkTask task = start("task_options", context(url, true, "collection.name.format", "${source.db}_${source.table}",
                "delete.enabled", "false"));

        task.put(List.of(customer(1, "Ann"), customer(2, "Bob"), customers.delete(customerJson(2, "Bob"))));

        assertThat(rows("task_options", "SELECT id, email FROM shop_customers ORDER BY id"))
                .containsExactly("1=c1@example.com", "2=c2@example.com");
        CountingApplyMetrics metrics = (CountingApplyMetrics) task.metrics();
        assertThat(metrics.get("shop.customers", Op.DELETE, Outcome.SKIPPED)).isEqualTo(1);
        assertThat(metrics.get("shop.customers", Op.DELETE, Outcome.APPLIED)).isZero();
    }

    @Test
    void withoutSchemaEvolutionAMissingTableAndAnUndecodableRecordGoToTheReporter() throws SQLException {
        String url = createDatabase("task_none");
        execute("task_none", "CREATE TABLE notes (id INT NOT NULL PRIMARY KEY, body VARCHAR(30))");
        RecordingSinkTaskContext context = context(url, true, "schema.evolution", "none");
        LagzeroSinkTask task = start("task_none", context);
        SinkRecord missingTable = customer(1, "Ann");
        SinkRecord undecodable = new SinkRecord("lz.shop.notes", 0, null, "not a struct", null, "nor this", 7);

        task.put(List.of(notes.create("{\"id\": 1, \"body\": \"ok\"}"), missingTable, undecodable));

        assertThat(context.reported).extracting(RecordingSinkTaskContext.Reported::record)
                .containsExactly(missingTable, undecodable);
        assertThat(context.reported.get(0).reason()).hasMessageContaining("customers");
        assertThat(context.reported.get(1).reason()).hasMessageContaining("lz.shop.notes-0@7");
        assertThat(bodies("task_none")).containsExactly("1=ok");
        assertThat(task.preCommit(Map.of(NOTES, new OffsetAndMetadata(0), CUSTOMERS, new OffsetAndMetadata(0))))
                .containsOnly(Map.entry(NOTES, new OffsetAndMetadata(8)), Map.entry(CUSTOMERS, new OffsetAndMetadata(1)));
    }

    @Test
    void aTargetTableDroppedWhileRunningIsCreatedAgain() throws SQLException {
        String url = createDatabase("task_dropped");
        RecordingSinkTaskContext context = context(url, true);
        LagzeroSinkTask task = start("task_dropped", context);
        task.put(List.of(customer(1, "Ann")));
        execute("task_dropped", "DROP TABLE customers");

        task.put(List.of(customer(2, "Bob"), customer(3, "Cid")));

        assertThat(context.reported).isEmpty();
        assertThat(names("task_dropped", "customers")).containsExactly("2=Bob", "3=Cid");
    }

    @Test
    void retriesAreBoundedByMaxRetries() throws SQLException {
        String url = createDatabase("task_giveup");
        LagzeroSinkTask task = start("task_giveup", context(url, true, "max.retries", "1"));
        task.put(List.of(customer(1, "Ann")));
        List<SinkRecord> batch = List.of(customers.update(customerJson(1, "Ann"), customerJson(1, "Ann B.")));

        try (Connection locker = connect("task_giveup")) {
            locker.setAutoCommit(false);
            try (Statement s = locker.createStatement()) {
                s.executeUpdate("UPDATE customers SET name = 'locked' WHERE id = 1");
            }
            assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class);
            assertThatThrownBy(() -> task.put(batch)).isExactlyInstanceOf(ConnectException.class)
                    .hasMessageContaining("Giving up after 1 retries");
            locker.rollback();
        }
    }

    @Test
    void validateReportsARefusedLoginOnConnectionPassword() {
        String url = createDatabase("task_validate");
        Map<String, String> props = context(url, true).configs();
        Map<String, String> wrong = new HashMap<>(props);
        wrong.put("connection.username", "nobody");
        wrong.put("connection.password", "wrong-password");

        assertThat(errors(props)).isEmpty();
        assertThat(errors(wrong)).singleElement().asString().startsWith("connection.password: The target refused the login")
                .contains("Fix: check connection.username and connection.password").doesNotContain("wrong-password");
    }

    private static List<String> errors(Map<String, String> props) {
        return new LagzeroSinkConnector().validate(props).configValues().stream()
                .flatMap(v -> v.errorMessages().stream().map(m -> v.name() + ": " + m)).toList();
    }

    protected SinkRecord customer(int id, String name) {
        return customers.create(customerJson(id, name));
    }

    private static String customerJson(int id, String name) {
        return """
                {"id": %d, "name": "%s", "email": "c%d@example.com", "prefs": null, "balance": "%s"}"""
                .formatted(id, name, id, DebeziumRecords.decimal("1.00"));
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> names(String database, String table) throws SQLException {
        return rows(database, "SELECT id, name FROM " + table + " ORDER BY id");
    }

    private List<String> bodies(String database) throws SQLException {
        return rows(database, "SELECT id, body FROM notes ORDER BY id");
    }

    private List<String> rows(String database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + "=" + rs.getString(2));
            }
        }
        return rows;
    }
}
