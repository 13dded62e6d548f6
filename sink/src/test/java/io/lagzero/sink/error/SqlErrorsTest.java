package io.lagzero.sink.error;

import static io.lagzero.sink.error.SqlErrors.Kind.PERMANENT;
import static io.lagzero.sink.error.SqlErrors.Kind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.sink.apply.ApplyException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlErrorsTest {
    @ParameterizedTest(name = "{0} / {1}: {2}")
    @CsvSource({
        "08S01, 0, TRANSIENT", // communication link failure
        "08006, 0, TRANSIENT", // PG connection failure
        "HY000, 2006, TRANSIENT", // MariaDB server has gone away
        "HY000, 2013, TRANSIENT", // lost connection during query
        "40001, 1213, TRANSIENT", // MariaDB deadlock
        "HY000, 1205, TRANSIENT", // MariaDB lock wait timeout
        "55P03, 0, TRANSIENT", // PG lock_timeout
        "40001, 0, TRANSIENT", // PG serialization failure
        "40P01, 0, TRANSIENT", // PG deadlock
        "08004, 1040, TRANSIENT", // MariaDB too many connections
        "53300, 0, TRANSIENT", // PG too many connections
        "HY000, 1290, TRANSIENT", // MariaDB --read-only (failover)
        "25006, 0, TRANSIENT", // PG read-only transaction
        "22001, 1406, PERMANENT", // data too long
        "22001, 0, PERMANENT", // PG value too long
        "23000, 1062, PERMANENT", // duplicate key
        "42S02, 1146, PERMANENT", // table does not exist
        "42P01, 0, PERMANENT", // PG undefined table
        "28000, 1045, TARGET", // access denied
        "28P01, 0, TARGET", // PG password authentication failed
        "42000, 1049, TARGET", // unknown database
        "3D000, 0, TARGET", // PG database does not exist
        "42000, 1142, PERMANENT", // MariaDB command denied on one table
    })
    void classifiesBySqlStateAndVendorCode(String state, int code, SqlErrors.Kind expected) {
        SQLException sql = new SQLException("boom", state, code);

        assertThat(SqlErrors.classify(sql)).isEqualTo(expected);
        assertThat(SqlErrors.classify(new ApplyException(null, "wrapped", sql))).isEqualTo(expected);
    }

    @Test
    void looksThroughChainsAndPoolTimeouts() {
        SQLException first = new SQLException("batch failed", "HY000", 0);
        first.setNextException(new SQLException("deadlock", "40001", 1213));

        assertThat(SqlErrors.classify(first)).isEqualTo(TRANSIENT);
        assertThat(SqlErrors.classify(new SQLTransientConnectionException("pool timed out"))).isEqualTo(TRANSIENT);
        assertThat(SqlErrors.classify(new IllegalArgumentException("no SQL at all"))).isEqualTo(PERMANENT);
        assertThat(SqlErrors.classify(new SQLException("no state"))).isEqualTo(PERMANENT);
    }
}
