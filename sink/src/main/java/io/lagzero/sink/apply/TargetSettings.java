package io.lagzero.sink.apply;

import io.lagzero.sink.dialect.Dialect;
import io.lagzero.sink.dialect.Dialects;

/**
 * Where and how changes are applied.
 *
 * @param jdbcUrl the target, {@code jdbc:mariadb://h:p/db}, {@code jdbc:mysql://h:p/db} or
 *     {@code jdbc:postgresql://h:p/db[?currentSchema=s]}; tables are created in that database/schema
 * @param user the target user
 * @param password the target password; may be empty
 * @param maxBatchRows the most rows one INSERT or DELETE statement carries
 */
public record TargetSettings(String jdbcUrl, String user, String password, int maxBatchRows) {
    public static final int MAX_BATCH_ROWS_DEFAULT = 2000;
    public static final int MAX_BATCH_ROWS_LIMIT = 65_000;

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
                + ", password=****, maxBatchRows=" + maxBatchRows + "]";
    }
}
