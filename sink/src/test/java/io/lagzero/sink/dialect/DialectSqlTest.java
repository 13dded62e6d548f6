package io.lagzero.sink.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sink.event.ChangeEvent;
import io.lagzero.sink.event.ChangeEventDecoder;
import io.lagzero.sink.event.Column;
import io.lagzero.sink.testing.DebeziumRecords;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class DialectSqlTest {
    private static final List<Column> TAGS = List.of(
            Column.of("post_id", Schema.INT32_SCHEMA), Column.of("tag", Schema.STRING_SCHEMA));
    private static final List<Column> CUSTOMERS = List.of(
            Column.of("id", Schema.INT32_SCHEMA), Column.of("name", Schema.STRING_SCHEMA),
            Column.of("email", Schema.OPTIONAL_STRING_SCHEMA));

    private final Dialect mariadb = new MariaDbDialect();
    private final Dialect postgres = new PostgresDialect();

    @Test
    void dialectsAreFoundByUrlPrefix() {
        assertThat(Dialects.forUrl("jdbc:mariadb://h:3306/app")).isInstanceOf(MariaDbDialect.class);
        assertThat(Dialects.forUrl("jdbc:mysql://h:3306/app")).isInstanceOf(MariaDbDialect.class);
        assertThat(Dialects.forUrl("jdbc:postgresql://h:5432/app")).isInstanceOf(PostgresDialect.class);
        assertThatThrownBy(() -> Dialects.forUrl("jdbc:oracle:thin:@h:1521/x?password=secret"))
                .hasMessageContaining("jdbc:mariadb:").hasMessageNotContaining("secret");
    }

    @Test
    void aDeclaredTargetTypeWinsOverTheDialectsChoice() {
        Column fee = Column.of("fee", SchemaBuilder.string().optional().parameter(Column.SOURCE_TYPE, "VARCHAR")
                .parameter(Column.TARGET_TYPE, "NUMERIC(20,6)").build());
        List<Column> columns = List.of(Column.of("id", Schema.INT32_SCHEMA), fee);

        assertThat(mariadb.createTable("t", columns, List.of("id"), null)).contains("`fee` NUMERIC(20,6),");
        assertThat(postgres.createTable("t", columns, List.of("id"), null)).contains("\"fee\" NUMERIC(20,6),");
        assertThat(postgres.addColumn("t", fee)).isEqualTo("ALTER TABLE \"t\" ADD COLUMN \"fee\" NUMERIC(20,6)");
    }

    @Test
    void identifiersAreQuotedWithCaseKept() {
        assertThat(mariadb.quote("Order`s")).isEqualTo("`Order``s`");
        assertThat(postgres.quote("Order\"s")).isEqualTo("\"Order\"\"s\"");
    }

    @Test
    void mariaDbUpsertsWithValuesFunction() {
        assertThat(mariadb.upsert("customers", CUSTOMERS, List.of("id"), 2)).isEqualTo(
                "INSERT INTO `customers` (`id`, `name`, `email`) VALUES (?,?,?),(?,?,?) "
                        + "ON DUPLICATE KEY UPDATE `name` = VALUES(`name`), `email` = VALUES(`email`)");
        assertThat(mariadb.upsert("tags", TAGS, List.of("post_id", "tag"), 1)).isEqualTo(
                "INSERT INTO `tags` (`post_id`, `tag`) VALUES (?,?) ON DUPLICATE KEY UPDATE `post_id` = `post_id`");
    }

    @Test
    void postgresUpsertsOnConflict() {
        assertThat(postgres.upsert("customers", CUSTOMERS, List.of("id"), 2)).isEqualTo(
                "INSERT INTO \"customers\" (\"id\", \"name\", \"email\") VALUES (?,?,?),(?,?,?) "
                        + "ON CONFLICT (\"id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\", \"email\" = EXCLUDED.\"email\"");
        assertThat(postgres.upsert("tags", TAGS, List.of("post_id", "tag"), 1)).isEqualTo(
                "INSERT INTO \"tags\" (\"post_id\", \"tag\") VALUES (?,?) ON CONFLICT (\"post_id\", \"tag\") DO NOTHING");
    }

    @Test
    void deletesByKeyList() {
        assertThat(mariadb.delete("customers", List.of("id"), 3)).isEqualTo(
                "DELETE FROM `customers` WHERE `id` IN (?,?,?)");
        assertThat(postgres.delete("tags", List.of("post_id", "tag"), 2)).isEqualTo(
                "DELETE FROM \"tags\" WHERE (\"post_id\", \"tag\") IN ((?,?),(?,?))");
    }

    @Test
    void mariaDbTablesKeepTheSourceTypes() {
        String ddl = mariadb.createTable("all_types", allTypes().columns(), allTypes().keyColumns(), null);

        assertThat(ddl).startsWith("CREATE TABLE IF NOT EXISTS `all_types` (\n  `id` BIGINT NOT NULL,\n")
                .contains("`i_u` INT UNSIGNED,", "`si_u` SMALLINT UNSIGNED,", "`ti1` TINYINT(1),",
                        "`bi_u` BIGINT UNSIGNED,", "`dec20` DECIMAL(20,6),", "`f` FLOAT,", "`dbl` DOUBLE,",
                        "`name` VARCHAR(64) CHARACTER SET utf8mb4 NOT NULL,", "`code` CHAR(3) CHARACTER SET utf8mb4,",
                        "`body` TEXT CHARACTER SET utf8mb4,", "`bin` BINARY(32),", "`vb` VARBINARY(16),", "`blb` BLOB,",
                        "`dt` DATETIME(6),", "`dt0` DATETIME(0),", "`dt3` DATETIME(3),", "`ts` TIMESTAMP(6) NULL,",
                        "`d` DATE,", "`t` TIME(6),", "`y` YEAR,", "`e` ENUM('small','large') CHARACTER SET utf8mb4,",
                        "`s` SET('a','b','c') CHARACTER SET utf8mb4,", "`flag` BIT(1),", "`bits` BIT(10),",
                        "`mi` MEDIUMINT,")
                .endsWith("`lt` LONGTEXT CHARACTER SET utf8mb4,\n  PRIMARY KEY (`id`)\n) DEFAULT CHARSET=utf8mb4");
    }

    @Test
    void postgresTablesWidenUnsignedAndKeepInstants() {
        String ddl = postgres.createTable("all_types", allTypes().columns(), allTypes().keyColumns(), null);

        assertThat(ddl).startsWith("CREATE TABLE IF NOT EXISTS \"all_types\" (\n  \"id\" bigint NOT NULL,\n")
                .contains("\"i\" integer,", "\"i_u\" bigint,", "\"si_u\" integer,", "\"ti\" smallint,",
                        "\"bi_u\" numeric(20,0),", "\"dec20\" numeric(20,6),", "\"f\" real,", "\"dbl\" double precision,",
                        "\"name\" varchar(64) NOT NULL,", "\"code\" varchar(3),", "\"body\" text,", "\"bin\" bytea,",
                        "\"dt\" timestamp(6),", "\"dt0\" timestamp(0),", "\"ts\" timestamptz(6),", "\"d\" date,",
                        "\"t\" interval(6),", "\"y\" smallint,", "\"e\" text,", "\"flag\" boolean,", "\"bits\" bit(10),")
                .endsWith("PRIMARY KEY (\"id\")\n)");
    }

    @Test
    void postgresStoresJsonAsJsonText() {
        ChangeEvent customer = new ChangeEventDecoder().decode(DebeziumRecords.forTable("customers").create(
                "{\"id\": 1, \"name\": \"Ann\", \"email\": null, \"prefs\": \"{}\", \"balance\": \"AA==\"}")).orElseThrow();

        assertThat(postgres.createTable("customers", customer.columns(), customer.keyColumns(), null))
                .contains("\"prefs\" json,", "\"balance\" numeric(10,2) NOT NULL,");
        assertThat(mariadb.createTable("customers", customer.columns(), customer.keyColumns(), null))
                .contains("`prefs` JSON,", "`balance` DECIMAL(10,2) NOT NULL,");
    }

    @Test
    void theSourcesAutoIncrementColumnNumbersNewRowsWhereTheTargetCan() {
        ChangeEvent customer = new ChangeEventDecoder().decode(DebeziumRecords.forTable("customers").create(
                "{\"id\": 1, \"name\": \"Ann\", \"email\": null, \"prefs\": \"{}\", \"balance\": \"AA==\"}")).orElseThrow();

        assertThat(mariadb.createTable("customers", customer.columns(), customer.keyColumns(), "id"))
                .contains("`id` INT NOT NULL AUTO_INCREMENT,");
        assertThat(postgres.createTable("customers", customer.columns(), customer.keyColumns(), "id"))
                .contains("\"id\" integer NOT NULL GENERATED BY DEFAULT AS IDENTITY,");
        assertThat(mariadb.createTable("customers", customer.columns(), customer.keyColumns(), "name"))
                .as("not leading the primary key").doesNotContain("AUTO_INCREMENT");
    }

    /** What verify and cutover read with: both sides must yield the same canonical values. */
    @Test
    void comparisonReadsAreSpelledPerDatabase() {
        assertThat(mariadb.qualified("app", "orders")).isEqualTo("`app`.`orders`");
        assertThat(postgres.qualified("public", "orders")).isEqualTo("\"public\".\"orders\"");
        assertThat(mariadb.byteOrder("`k`")).isEqualTo("BINARY `k`");
        assertThat(postgres.byteOrder("\"k\"")).isEqualTo("\"k\" COLLATE \"C\"");
        assertThat(mariadb.exactDateTime("`d`")).isEqualTo("CAST(`d` AS CHAR)");
        assertThat(postgres.exactDateTime("\"d\"")).isEqualTo("\"d\"");
        assertThat(mariadb.exactTime("`t`")).isEqualTo("CAST(`t` AS CHAR)");
        assertThat(postgres.exactTime("\"t\"")).isEqualTo("CAST(EXTRACT(EPOCH FROM \"t\") * 1000000 AS BIGINT)");
        assertThat(mariadb.bitDigits("`b`")).isEqualTo("BIN(`b`)");
        assertThat(postgres.bitDigits("\"b\"")).isEqualTo("CAST(\"b\" AS TEXT)");
        assertThat(mariadb.utcSessionSql()).isEqualTo("SET time_zone = '+00:00'");
        assertThat(mariadb.connectionInitSql()).startsWith("SET time_zone = '+00:00', sql_mode = ");
        assertThat(postgres.utcSessionSql()).isEqualTo("SET TIME ZONE 'UTC'");
        assertThat(mariadb.strictParameterTypes()).isFalse();
        assertThat(postgres.strictParameterTypes()).isTrue();
    }

    @Test
    void timeValuesKeepSignAndHoursBeyondADay() {
        assertThat(TimeText.of(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59))).isEqualTo("-838:59:59.000000");
        assertThat(TimeText.of(Duration.ofSeconds(45_296, 789_000))).isEqualTo("12:34:56.000789");
    }

    private static ChangeEvent allTypes() {
        return new ChangeEventDecoder().decode(DebeziumRecords.forTable("all_types").snapshot("{\"id\": 1, \"name\": \"\"}"))
                .orElseThrow();
    }
}
