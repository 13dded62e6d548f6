package io.lagzero.sink.connect;

import io.lagzero.sink.apply.DdlPolicy;
import io.lagzero.sink.apply.NulHandling;
import io.lagzero.sink.apply.RetryPolicy;
import io.lagzero.sink.apply.SchemaEvolution;
import io.lagzero.sink.apply.TargetSettings;
import io.lagzero.sink.backfill.BackfillSettings;
import io.lagzero.sink.index.SecondaryIndexes;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.naming.TableNameFormat;
import io.lagzero.sink.source.SourceCatalog;
import io.lagzero.sink.source.TableSelector;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** The sink connector's configuration: the one {@link ConfigDef}, and its parsing into {@link SinkSettings}. */
public final class LagzeroSinkConfig extends AbstractConfig {
    private static final String CONNECTION_GROUP = "Connection";
    private static final String WRITES_GROUP = "Writes";
    private static final String SOURCE_GROUP = "Source catalog";
    private static final String ERRORS_GROUP = "Retries";
    private static final String BACKFILL_GROUP = "Backfill";

    public static final String CONNECTION_URL = "connection.url";
    public static final String CONNECTION_URL_DOC = "The target database as a JDBC URL: jdbc:mariadb://host:3306/db, "
            + "jdbc:mysql://host:3306/db or jdbc:postgresql://host:5432/db[?currentSchema=s]. Tables are written in "
            + "that database (MariaDB/MySQL) or schema (PostgreSQL).";

    public static final String CONNECTION_USERNAME = "connection.username";
    public static final String CONNECTION_USERNAME_DOC = "The target database user.";

    public static final String CONNECTION_PASSWORD = "connection.password";
    public static final String CONNECTION_PASSWORD_DOC = "The target database user's password.";

    public static final String CONNECTION_POOL_SIZE = "connection.pool.size";
    public static final int CONNECTION_POOL_SIZE_DEFAULT = TargetSettings.POOL_SIZE_DEFAULT;
    public static final String CONNECTION_POOL_SIZE_DOC = "The most connections each task holds to the target.";

    public static final String INSERT_MODE = "insert.mode";
    public static final String INSERT_MODE_DEFAULT = "upsert";
    public static final String INSERT_MODE_DOC = "How rows are written. Only 'upsert' is supported: insert, or update "
            + "the row with the same primary key, so replaying a change is harmless.";

    public static final String PRIMARY_KEY_MODE = "primary.key.mode";
    public static final String PRIMARY_KEY_MODE_DEFAULT = "record_key";
    public static final String PRIMARY_KEY_MODE_DOC = "Where the primary key comes from. Only 'record_key' is "
            + "supported: the fields of the Debezium record key, i.e. the source table's primary key.";

    public static final String DELETE_ENABLED = "delete.enabled";
    public static final boolean DELETE_ENABLED_DEFAULT = true;
    public static final String DELETE_ENABLED_DOC = "Whether delete events delete the target row. When false, "
            + "deletes are skipped and counted as skipped. Tombstones are always skipped.";

    public static final String BATCH_SIZE = "batch.size";
    public static final int BATCH_SIZE_DEFAULT = TargetSettings.MAX_BATCH_ROWS_DEFAULT;
    public static final String BATCH_SIZE_DOC = "The most rows one INSERT or DELETE statement carries (fewer when "
            + "the target's bind-parameter limit requires it). A whole put() is still one transaction.";

    public static final String SCHEMA_EVOLUTION = "schema.evolution";
    public static final String SCHEMA_EVOLUTION_DEFAULT = "basic";
    public static final String SCHEMA_EVOLUTION_DOC = "'basic': create missing target tables from the source "
            + "columns and add columns the source gained (never drop or alter). 'none': change no schema; a "
            + "missing table or column fails the record.";

    public static final String COLLECTION_NAME_FORMAT = "collection.name.format";
    public static final String COLLECTION_NAME_FORMAT_DEFAULT = TableNameFormat.SOURCE_TABLE;
    public static final String COLLECTION_NAME_FORMAT_DOC = "The target table name. Placeholders: ${source.table} "
            + "and ${source.db} (from the change's source block) and ${topic} (the record's original topic), "
            + "e.g. 'stage_${source.table}'.";

    public static final String COLUMN_MAPPING = ColumnMapping.CONFIG_KEY;
    public static final String COLUMN_MAPPING_DEFAULT = "";
    public static final String COLUMN_MAPPING_DOC = "Per-column rules applied to every change before it is written "
            + "(and before tables are created or extended). Rules are separated by ';', each "
            + "'<db>.<table>.<column> <action> [<action> ...]' with the source database, table and column "
            + "(case-insensitive; '*' matches any run of characters in the table part; names with dots or spaces "
            + "cannot be given). Actions: 'rename:<target_name>' writes the column under another name (key columns "
            + "too); 'exclude' leaves it out of the target table; 'hex_to_binary' writes hex text as the bytes it "
            + "spells (like UNHEX), in a BINARY(n/2) column on MariaDB/MySQL or bytea on PostgreSQL when the "
            + "source is CHAR(n)/VARCHAR(n), and a record with a value that is not even-length hex fails like any "
            + "permanent error (dead-letter queue or task failure); 'type:<SQL type>' sets the column type used "
            + "when the sink creates the table or adds the column, must come last and takes the rest of the rule "
            + "(values are still bound as the source type, so the target must accept them). A primary-key column "
            + "may be renamed or retyped but not excluded or converted. The first rule naming a column applies. "
            + "Example: 'shop.pageviews.user_sig rename:user_signature hex_to_binary; shop.events.debug exclude; "
            + "shop.sites.fee type:NUMERIC(20,6)'.";

    public static final String DDL_POLICY = "ddl.policy";
    public static final String DDL_POLICY_DEFAULT = "stop";
    public static final String DDL_POLICY_DOC = "What happens when a source table is altered other than by gaining a "
            + "column (which schema.evolution=basic follows): a column dropped, renamed or retyped, or a new primary "
            + "key, seen as a change in the records' columns or as a NOT NULL target column the rows no longer have. "
            + "'stop': apply every change before the DDL, then fail the task with a message naming the table and what "
            + "changed; after changing the target table to match (or deciding to keep it), restart the task. "
            + "'ignore': log a warning and keep writing into the target table as it is (like Vitess' --on-ddl). "
            + "A type change that happened while the task was not running is not detected.";

    public static final String NUL_HANDLING = "nul.handling";
    public static final String NUL_HANDLING_DEFAULT = "fail";
    public static final String NUL_HANDLING_DOC = "Text or JSON with a NUL character (U+0000), which PostgreSQL cannot "
            + "store (MariaDB/MySQL targets store it as it is). 'fail': the record fails like any permanent error "
            + "(dead-letter queue, or the task fails naming it). 'strip': NUL characters are removed. 'replace': each "
            + "becomes U+FFFD. 'strip' and 'replace' change the value: verification will report those rows.";

    public static final String SECONDARY_INDEXES = "secondary.indexes";
    public static final String SECONDARY_INDEXES_DEFAULT = "after_snapshot";
    public static final String SECONDARY_INDEXES_DOC = "'after_snapshot': the source table's secondary indexes (read "
            + "from source.connection.url, which this needs) are built in the target once the table's snapshot has "
            + "been written (its last snapshot record, or any later change), in the background and without blocking "
            + "writes (MariaDB LOCK=NONE, PostgreSQL CONCURRENTLY), so the application finds its indexes after the "
            + "switchover and the initial copy is not slowed by them. UNIQUE indexes become plain indexes, because a "
            + "unique index would make the target refuse or misapply a change that collides only briefly; full-text, "
            + "spatial and expression indexes are left out, and PostgreSQL indexes whole values where the source "
            + "indexes a prefix. 'none': target tables get only the primary key.";

    public static final String SOURCE_CONNECTION_URL = "source.connection.url";
    public static final String SOURCE_CONNECTION_URL_DOC = "The source MySQL/MariaDB as a JDBC URL "
            + "(jdbc:mariadb://host:3306/), optional. The sink reads only information_schema there: the secondary "
            + "indexes (secondary.indexes=after_snapshot needs it) and each table's AUTO_INCREMENT column, which "
            + "tables the sink creates then get too (AUTO_INCREMENT on MariaDB/MySQL, GENERATED BY DEFAULT AS "
            + "IDENTITY on PostgreSQL), so the application can insert rows without ids after the switchover.";

    public static final String SOURCE_CONNECTION_USERNAME = "source.connection.username";
    public static final String SOURCE_CONNECTION_USERNAME_DOC = "The source user for source.connection.url; it "
            + "needs to see the tables' indexes (any privilege on the tables).";

    public static final String SOURCE_CONNECTION_PASSWORD = "source.connection.password";
    public static final String SOURCE_CONNECTION_PASSWORD_DOC = "The password of source.connection.username.";

    public static final String MAX_RETRIES = "max.retries";
    public static final int MAX_RETRIES_DEFAULT = RetryPolicy.MAX_RETRIES_DEFAULT;
    public static final String MAX_RETRIES_DOC = "How often a batch that failed transiently (lost connection, "
            + "deadlock, lock wait timeout, serialization failure, too many connections, read-only target) is "
            + "retried before the sink fails.";

    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final long RETRY_BACKOFF_MS_DEFAULT = RetryPolicy.BACKOFF_MS_DEFAULT;
    public static final String RETRY_BACKOFF_MS_DOC = "The wait before the first retry of a batch that failed "
            + "transiently; each further retry waits twice as long as the one before, at most 60 s. With the "
            + "defaults the sink rides out a target that is unreachable for up to about 5 minutes.";

    public static final String BACKFILL_TABLES = "backfill.tables";
    public static final String BACKFILL_TABLES_DOC = "The source tables the sink copies itself, straight from "
            + "source.connection.url, while the binlog stream is applied (the backfill, docs/backfill.md): 'db.table' "
            + "entries, comma-separated, where * and ? are globs ('app.*,billing.invoices'). Pair it with the Debezium "
            + "source's snapshot.mode=no_data, so existing rows are copied once, by the backfill. Rows are read in "
            + "primary-key chunks under a shared row lock (the source user needs SELECT on the tables) and written "
            + "with their progress in one target transaction (table lagzero_backfill), so a restarted task resumes at "
            + "the next chunk and every task of the connector, on every worker, takes chunks. The copy starts once a "
            + "task has received a change streamed from the binlog (the heartbeat brings one). Empty: no backfill; "
            + "Debezium's snapshot brings the existing rows.";

    public static final String BACKFILL_PARALLELISM = "backfill.parallelism";
    public static final int BACKFILL_PARALLELISM_DEFAULT = BackfillSettings.PARALLELISM_DEFAULT;
    public static final String BACKFILL_PARALLELISM_DOC = "Chunks the backfill copies at once, each with a source and "
            + "a target connection: per task on Kafka Connect, in all in lagzero run.";

    public static final String BACKFILL_CHUNK_ROWS = "backfill.chunk.rows";
    public static final int BACKFILL_CHUNK_ROWS_DEFAULT = BackfillSettings.CHUNK_ROWS_DEFAULT;
    public static final String BACKFILL_CHUNK_ROWS_DOC = "Rows per backfill chunk: read under a shared row lock on the "
            + "source, committed in one target transaction. A chunk that meets an application's row lock is retried "
            + "at half the size.";

    public static final String BACKFILL_MAX_ROWS_PER_SEC = "backfill.max.rows.per.sec";
    public static final long BACKFILL_MAX_ROWS_PER_SEC_DEFAULT = 0;
    public static final String BACKFILL_MAX_ROWS_PER_SEC_DOC = "The most rows the backfill copies per second (per task "
            + "on Kafka Connect); 0 is no limit.";

    public static final String BACKFILL_MAX_THREADS_RUNNING = "backfill.max.threads.running";
    public static final int BACKFILL_MAX_THREADS_RUNNING_DEFAULT = BackfillSettings.MAX_THREADS_RUNNING_DEFAULT;
    public static final String BACKFILL_MAX_THREADS_RUNNING_DOC = "The backfill copies no chunk while the source's "
            + "Threads_running (sampled every second) is above this, so the application has the server to itself "
            + "under load; status shows the wait and why. 0 never waits.";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final SinkSettings settings;

    public LagzeroSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props, false);
        this.settings = parse();
    }

    public SinkSettings settings() {
        return settings;
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(CONNECTION_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.jdbcUrl(), Importance.HIGH,
                CONNECTION_URL_DOC, CONNECTION_GROUP, ++order, Width.LONG, "Target JDBC URL");
        def.define(CONNECTION_USERNAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.nonBlank(), Importance.HIGH,
                CONNECTION_USERNAME_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "Target user");
        def.define(CONNECTION_PASSWORD, Type.PASSWORD, null, null, Importance.HIGH,
                CONNECTION_PASSWORD_DOC, CONNECTION_GROUP, ++order, Width.MEDIUM, "Target password");
        def.define(CONNECTION_POOL_SIZE, Type.INT, CONNECTION_POOL_SIZE_DEFAULT, Range.between(1, 100), Importance.LOW,
                CONNECTION_POOL_SIZE_DOC, CONNECTION_GROUP, ++order, Width.SHORT, "Connection pool size");
        order = 0;
        def.define(INSERT_MODE, Type.STRING, INSERT_MODE_DEFAULT, Validators.onlySupported(INSERT_MODE_DEFAULT,
                "insert", "update"), Importance.MEDIUM, INSERT_MODE_DOC, WRITES_GROUP, ++order, Width.SHORT, "Insert mode");
        def.define(PRIMARY_KEY_MODE, Type.STRING, PRIMARY_KEY_MODE_DEFAULT, Validators.onlySupported(
                PRIMARY_KEY_MODE_DEFAULT, "none", "kafka", "record_value"), Importance.MEDIUM, PRIMARY_KEY_MODE_DOC,
                WRITES_GROUP, ++order, Width.SHORT, "Primary key mode");
        def.define(DELETE_ENABLED, Type.BOOLEAN, DELETE_ENABLED_DEFAULT, null, Importance.MEDIUM, DELETE_ENABLED_DOC,
                WRITES_GROUP, ++order, Width.SHORT, "Apply deletes");
        def.define(BATCH_SIZE, Type.INT, BATCH_SIZE_DEFAULT, Range.between(1, TargetSettings.MAX_BATCH_ROWS_LIMIT),
                Importance.MEDIUM, BATCH_SIZE_DOC, WRITES_GROUP, ++order, Width.SHORT, "Rows per statement");
        def.define(SCHEMA_EVOLUTION, Type.STRING, SCHEMA_EVOLUTION_DEFAULT, Validators.oneOf("basic", "none"),
                Importance.MEDIUM, SCHEMA_EVOLUTION_DOC, WRITES_GROUP, ++order, Width.SHORT, "Schema evolution");
        def.define(COLLECTION_NAME_FORMAT, Type.STRING, COLLECTION_NAME_FORMAT_DEFAULT, Validators.tableNameFormat(),
                Importance.MEDIUM, COLLECTION_NAME_FORMAT_DOC, WRITES_GROUP, ++order, Width.MEDIUM, "Target table name");
        def.define(COLUMN_MAPPING, Type.STRING, COLUMN_MAPPING_DEFAULT, Validators.columnMapping(), Importance.MEDIUM,
                COLUMN_MAPPING_DOC, WRITES_GROUP, ++order, Width.LONG, "Column mapping");
        def.define(DDL_POLICY, Type.STRING, DDL_POLICY_DEFAULT, Validators.oneOf("stop", "ignore"), Importance.MEDIUM,
                DDL_POLICY_DOC, WRITES_GROUP, ++order, Width.SHORT, "DDL policy");
        def.define(NUL_HANDLING, Type.STRING, NUL_HANDLING_DEFAULT, Validators.oneOf("fail", "strip", "replace"),
                Importance.LOW, NUL_HANDLING_DOC, WRITES_GROUP, ++order, Width.SHORT, "NUL characters");
        def.define(SECONDARY_INDEXES, Type.STRING, SECONDARY_INDEXES_DEFAULT, Validators.oneOf("none", "after_snapshot"),
                Importance.MEDIUM, SECONDARY_INDEXES_DOC, WRITES_GROUP, ++order, Width.SHORT, "Secondary indexes");
        order = 0;
        def.define(SOURCE_CONNECTION_URL, Type.STRING, null, null, Importance.LOW, SOURCE_CONNECTION_URL_DOC,
                SOURCE_GROUP, ++order, Width.LONG, "Source JDBC URL");
        def.define(SOURCE_CONNECTION_USERNAME, Type.STRING, null, null, Importance.LOW, SOURCE_CONNECTION_USERNAME_DOC,
                SOURCE_GROUP, ++order, Width.MEDIUM, "Source user");
        def.define(SOURCE_CONNECTION_PASSWORD, Type.PASSWORD, null, null, Importance.LOW, SOURCE_CONNECTION_PASSWORD_DOC,
                SOURCE_GROUP, ++order, Width.MEDIUM, "Source password");
        order = 0;
        def.define(BACKFILL_TABLES, Type.STRING, "", Validators.tableSelection(), Importance.MEDIUM, BACKFILL_TABLES_DOC,
                BACKFILL_GROUP, ++order, Width.LONG, "Tables to backfill");
        def.define(BACKFILL_PARALLELISM, Type.INT, BACKFILL_PARALLELISM_DEFAULT, Range.between(1, 64), Importance.LOW,
                BACKFILL_PARALLELISM_DOC, BACKFILL_GROUP, ++order, Width.SHORT, "Chunks at once");
        def.define(BACKFILL_CHUNK_ROWS, Type.INT, BACKFILL_CHUNK_ROWS_DEFAULT, Range.between(1, 1_000_000), Importance.LOW,
                BACKFILL_CHUNK_ROWS_DOC, BACKFILL_GROUP, ++order, Width.SHORT, "Rows per chunk");
        def.define(BACKFILL_MAX_ROWS_PER_SEC, Type.LONG, BACKFILL_MAX_ROWS_PER_SEC_DEFAULT, Range.atLeast(0L),
                Importance.LOW, BACKFILL_MAX_ROWS_PER_SEC_DOC, BACKFILL_GROUP, ++order, Width.SHORT, "Rows per second");
        def.define(BACKFILL_MAX_THREADS_RUNNING, Type.INT, BACKFILL_MAX_THREADS_RUNNING_DEFAULT, Range.atLeast(0),
                Importance.LOW, BACKFILL_MAX_THREADS_RUNNING_DOC, BACKFILL_GROUP, ++order, Width.SHORT,
                "Source Threads_running limit");
        order = 0;
        def.define(MAX_RETRIES, Type.INT, MAX_RETRIES_DEFAULT, Range.atLeast(0), Importance.MEDIUM, MAX_RETRIES_DOC,
                ERRORS_GROUP, ++order, Width.SHORT, "Retries of a transient failure");
        def.define(RETRY_BACKOFF_MS, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, Range.atLeast(0L), Importance.MEDIUM,
                RETRY_BACKOFF_MS_DOC, ERRORS_GROUP, ++order, Width.SHORT, "Retry backoff (ms)");
        return def;
    }

    private SinkSettings parse() {
        Password password = getPassword(CONNECTION_PASSWORD);
        SourceCatalog catalog = sourceCatalog();
        try {
            TargetSettings target = new TargetSettings(getString(CONNECTION_URL), getString(CONNECTION_USERNAME),
                    password == null ? "" : password.value(), getInt(BATCH_SIZE), getInt(CONNECTION_POOL_SIZE),
                    getBoolean(DELETE_ENABLED), SchemaEvolution.valueOf(upper(SCHEMA_EVOLUTION)),
                    new TableNameFormat(getString(COLLECTION_NAME_FORMAT)), ColumnMapping.parse(getString(COLUMN_MAPPING)),
                    DdlPolicy.valueOf(upper(DDL_POLICY)), NulHandling.valueOf(upper(NUL_HANDLING)), catalog,
                    secondaryIndexes());
            return new SinkSettings(target, new RetryPolicy(getInt(MAX_RETRIES), Duration.ofMillis(getLong(RETRY_BACKOFF_MS))),
                    new BackfillSettings(getInt(BACKFILL_PARALLELISM), getInt(BACKFILL_CHUNK_ROWS),
                            getLong(BACKFILL_MAX_ROWS_PER_SEC), getInt(BACKFILL_MAX_THREADS_RUNNING)),
                    isSet(getString(BACKFILL_TABLES)) ? Optional.of(TableSelector.parse(getString(BACKFILL_TABLES)))
                            : Optional.empty());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * The rules that span several keys, for {@link LagzeroSinkConnector#validate} and for parsing
     * alike: each broken rule as the key to blame and the message naming the fix.
     *
     * @param values the parsed value of each key (as {@link AbstractConfig#values()} or Connect's
     *               {@code ConfigValue}s hold them)
     */
    public static Map<String, String> crossKeyProblems(Map<String, ?> values) {
        Map<String, String> problems = new LinkedHashMap<>();
        boolean hasSource = isSet(values.get(SOURCE_CONNECTION_URL));
        if (hasSource && !isSet(values.get(SOURCE_CONNECTION_USERNAME))) {
            problems.put(SOURCE_CONNECTION_USERNAME, SOURCE_CONNECTION_USERNAME + " is missing. Fix: set the source "
                    + "user that " + SOURCE_CONNECTION_URL + " connects as");
        }
        if (!hasSource && isSet(values.get(BACKFILL_TABLES))) {
            problems.put(SOURCE_CONNECTION_URL, SOURCE_CONNECTION_URL + " is missing: " + BACKFILL_TABLES
                    + " copies rows from the source. Fix: set it (e.g. jdbc:mariadb://db1:3306/), "
                    + SOURCE_CONNECTION_USERNAME + " and " + SOURCE_CONNECTION_PASSWORD + ", or leave " + BACKFILL_TABLES
                    + " empty");
        } else if (!hasSource && "after_snapshot".equalsIgnoreCase(String.valueOf(values.get(SECONDARY_INDEXES)))) {
            problems.put(SOURCE_CONNECTION_URL, SOURCE_CONNECTION_URL + " is missing: " + SECONDARY_INDEXES
                    + "=after_snapshot (the default) reads the source's indexes there. Fix: set it (e.g. "
                    + "jdbc:mariadb://db1:3306/) and " + SOURCE_CONNECTION_USERNAME + ", or set " + SECONDARY_INDEXES
                    + "=none");
        }
        return problems;
    }

    private static boolean isSet(Object value) {
        return value != null && !value.toString().isBlank();
    }

    /** The source connection, if configured: for secondary indexes and AUTO_INCREMENT columns. */
    private SourceCatalog sourceCatalog() {
        crossKeyProblems(values()).values().stream().findFirst().ifPresent(problem -> {
            throw new ConfigException(problem);
        });
        String url = getString(SOURCE_CONNECTION_URL);
        if (!isSet(url)) {
            return null;
        }
        Password password = getPassword(SOURCE_CONNECTION_PASSWORD);
        return new SourceCatalog(url, getString(SOURCE_CONNECTION_USERNAME), password == null ? "" : password.value());
    }

    private SecondaryIndexes secondaryIndexes() {
        return SecondaryIndexes.valueOf(upper(SECONDARY_INDEXES));
    }

    private String upper(String key) {
        return getString(key).toUpperCase(Locale.ROOT);
    }

    /** For log lines: the effective settings, password masked, URL without its query string. */
    @Override
    public String toString() {
        return "LagzeroSinkConfig[" + settings + "]";
    }
}
