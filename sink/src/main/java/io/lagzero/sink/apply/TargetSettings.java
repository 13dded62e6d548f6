package io.lagzero.sink.apply;

import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;
import io.lagzero.sink.index.SecondaryIndexes;
import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.naming.TableNameFormat;
import io.lagzero.sink.source.SourceCatalog;
import java.util.Objects;

/**
 * Where and how changes are applied.
 *
 * @param jdbcUrl the target, {@code jdbc:mariadb://h:p/db}, {@code jdbc:mysql://h:p/db} or
 *     {@code jdbc:postgresql://h:p/db[?currentSchema=s]}; tables are created in that database/schema
 * @param user the target user
 * @param password the target password; may be empty
 * @param maxBatchRows the most rows one INSERT or DELETE statement carries
 * @param poolSize the most connections held to the target
 * @param deletesEnabled false to skip delete events (they are counted as skipped)
 * @param schemaEvolution whether missing tables and columns are created
 * @param tableNames how a source table's target table is named
 * @param columnMapping how source columns become target columns; null is {@link ColumnMapping#EMPTY}
 * @param ddlPolicy what happens when a source table changes other than by gaining a column
 * @param nulHandling what happens to text with NUL characters where the target cannot store them
 * @param sourceCatalog where to read what the records do not carry (secondary indexes, the
 *     AUTO_INCREMENT column, which new tables then get too); null when the source is not reachable
 * @param secondaryIndexes whether the source's secondary indexes are built after each table's
 *     snapshot; {@link SecondaryIndexes#AFTER_SNAPSHOT} needs the source catalog
 */
public record TargetSettings(String jdbcUrl, String user, String password, int maxBatchRows, int poolSize,
        boolean deletesEnabled, SchemaEvolution schemaEvolution, TableNameFormat tableNames,
        ColumnMapping columnMapping, DdlPolicy ddlPolicy, NulHandling nulHandling,
        SourceCatalog sourceCatalog, SecondaryIndexes secondaryIndexes) {
    public static final int MAX_BATCH_ROWS_DEFAULT = 2000;
    public static final int MAX_BATCH_ROWS_LIMIT = 65_000;
    public static final int POOL_SIZE_DEFAULT = 2;

    public TargetSettings {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("jdbcUrl is missing. Fix: set it to the target, "
                    + "e.g. jdbc:mariadb://host:3306/app or jdbc:postgresql://host:5432/app");
        }
        Dialects.forUrl(jdbcUrl).checkUrl(jdbcUrl);
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user is missing. Fix: set the target database user");
        }
        password = password == null ? "" : password;
        if (maxBatchRows < 1 || maxBatchRows > MAX_BATCH_ROWS_LIMIT) {
            throw new IllegalArgumentException("maxBatchRows is " + maxBatchRows + ". Fix: use 1.." + MAX_BATCH_ROWS_LIMIT
                    + " (default " + MAX_BATCH_ROWS_DEFAULT + ")");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize is " + poolSize + ". Fix: use 1 or more (default "
                    + POOL_SIZE_DEFAULT + ")");
        }
        Objects.requireNonNull(schemaEvolution, "schemaEvolution");
        Objects.requireNonNull(tableNames, "tableNames");
        columnMapping = columnMapping == null ? ColumnMapping.EMPTY : columnMapping;
        Objects.requireNonNull(ddlPolicy, "ddlPolicy");
        Objects.requireNonNull(nulHandling, "nulHandling");
        secondaryIndexes = secondaryIndexes == null ? SecondaryIndexes.NONE : secondaryIndexes;
        if (secondaryIndexes == SecondaryIndexes.AFTER_SNAPSHOT && sourceCatalog == null) {
            // LagzeroSinkConfig.crossKeyProblems tells the user; this guards code that builds settings directly.
            throw new IllegalArgumentException("secondaryIndexes AFTER_SNAPSHOT needs the sourceCatalog to read them from");
        }
    }

    public TargetSettings(String jdbcUrl, String user, String password, int maxBatchRows, int poolSize,
            boolean deletesEnabled, SchemaEvolution schemaEvolution, TableNameFormat tableNames,
            ColumnMapping columnMapping) {
        this(jdbcUrl, user, password, maxBatchRows, poolSize, deletesEnabled, schemaEvolution, tableNames,
                columnMapping, DdlPolicy.STOP, NulHandling.FAIL, null, SecondaryIndexes.NONE);
    }

    public TargetSettings(String jdbcUrl, String user, String password, int maxBatchRows, int poolSize,
            boolean deletesEnabled, SchemaEvolution schemaEvolution, TableNameFormat tableNames) {
        this(jdbcUrl, user, password, maxBatchRows, poolSize, deletesEnabled, schemaEvolution, tableNames,
                ColumnMapping.EMPTY);
    }

    public TargetSettings(String jdbcUrl, String user, String password, int maxBatchRows) {
        this(jdbcUrl, user, password, maxBatchRows, POOL_SIZE_DEFAULT, true, SchemaEvolution.BASIC,
                TableNameFormat.DEFAULT);
    }

    public TargetSettings(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, MAX_BATCH_ROWS_DEFAULT);
    }

    public Dialect dialect() {
        return Dialects.forUrl(jdbcUrl);
    }

    @Override
    public String toString() {
        return "TargetSettings[jdbcUrl=" + Dialects.withoutQuery(jdbcUrl) + ", user=" + user
                + ", password=****, maxBatchRows=" + maxBatchRows + ", poolSize=" + poolSize + ", deletesEnabled="
                + deletesEnabled + ", schemaEvolution=" + schemaEvolution + ", tableNames=" + tableNames.pattern()
                + ", columnMapping=[" + columnMapping + "], ddlPolicy=" + ddlPolicy + ", nulHandling=" + nulHandling
                + ", sourceCatalog=" + (sourceCatalog == null ? "none" : sourceCatalog) + ", secondaryIndexes=" + secondaryIndexes
                + "]";
    }
}
