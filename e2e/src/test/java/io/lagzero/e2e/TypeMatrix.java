package io.lagzero.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Every MySQL/MariaDB column type lagzero must carry without loss, with rows at the edges. */
public final class TypeMatrix {
    private static final String CREATE = """
            CREATE TABLE matrix (
              id INT PRIMARY KEY,
              ti TINYINT, ti_u TINYINT UNSIGNED, si SMALLINT, si_u SMALLINT UNSIGNED,
              mi MEDIUMINT, mi_u MEDIUMINT UNSIGNED, i INT, i_u INT UNSIGNED, bi BIGINT, bi_u BIGINT UNSIGNED,
              dec65 DECIMAL(65,30), dec20 DECIMAL(20,6), f FLOAT, d DOUBLE,
              b1 BIT(1), b64 BIT(64), flag BOOLEAN,
              c CHAR(10), vc VARCHAR(200), tt TINYTEXT, tx TEXT, mt MEDIUMTEXT, lt LONGTEXT,
              bin BINARY(16), vbin VARBINARY(64), blb BLOB,
              dt DATE, tm TIME, tm6 TIME(6),
              dt0 DATETIME, dt1 DATETIME(1), dt2 DATETIME(2), dt3 DATETIME(3), dt4 DATETIME(4), dt5 DATETIME(5), dt6 DATETIME(6),
              ts6 TIMESTAMP(6) NULL, yr YEAR, js JSON, en ENUM('small', 'medium', 'large'), st SET('a', 'b', 'c'),
              dflt VARCHAR(10) DEFAULT 'default', empty_or_null VARCHAR(10) NULL
            ) DEFAULT CHARSET = utf8mb4""";

    private static final String MAX_ROW = "INSERT INTO matrix VALUES (1, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, "
            + "4294967295, 9223372036854775807, 18446744073709551615, "
            + "99999999999999999999999999999999999.999999999999999999999999999999, 99999999999999.999999, "
            + "3.40282e38, 1.7976931348623157e308, b'1', b'1111111111111111111111111111111111111111111111111111111111111111', TRUE, "
            + "'abcdefghij', 'emoji 😀👩‍👩‍👧 combining é (e\u0301) 中文', REPEAT('t', 255), REPEAT('text ', 2000), "
            + "REPEAT('medium ', 20000), REPEAT('long ', 50000), "
            + "UNHEX('00FF00FF00FF00FF00FF00FF00FF00FF'), UNHEX('000102030405060708090A0B0C0D0E0F00'), UNHEX(REPEAT('00FF7F80', 100)), "
            + "'9999-12-31', '838:59:59', '838:59:59.000000', "
            + "'9999-12-31 23:59:59', '9999-12-31 23:59:59.9', '9999-12-31 23:59:59.99', '9999-12-31 23:59:59.999', "
            + "'9999-12-31 23:59:59.9999', '9999-12-31 23:59:59.99999', '9999-12-31 23:59:59.999999', "
            + "'2038-01-19 03:14:07.999999', 2155, '{\"k\": [1, 2.50, \"ü\"], \"nested\": {\"x\": null}}', 'large', 'a,b,c', "
            + "'set', '')";

    private static final String MIN_ROW = "INSERT INTO matrix VALUES (2, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, "
            + "-9223372036854775808, 0, -99999999999999999999999999999999999.999999999999999999999999999999, "
            + "-0.000001, -1.17549e-38, -2.2250738585072014e-308, b'0', b'0', FALSE, "
            + "'', '', '', '', '', '', UNHEX(REPEAT('00', 16)), UNHEX(''), UNHEX(''), "
            + "'1000-01-01', '-838:59:59', '-838:59:59.000000', "
            + "'1000-01-01 00:00:00', '1000-01-01 00:00:00.0', '1000-01-01 00:00:00.00', '1000-01-01 00:00:00.000', "
            + "'1000-01-01 00:00:00.0000', '1000-01-01 00:00:00.00000', '1000-01-01 00:00:00.000000', "
            + "'1970-01-01 00:00:01.000000', 1901, '[]', 'small', '', '', NULL)";

    private static final String DST_ROW = "INSERT INTO matrix (id, dt0, dt6, ts6, tm, tm6, dec20, b64, en, st, js) VALUES "
            + "(3, '2024-03-10 02:30:00', '2024-03-10 02:30:00.123456', '2024-03-10 07:30:00.000001', '-00:00:01', "
            + "'25:00:00.5', 0.5, b'1000000000000000000000000000000000000000000000000000000000000001', 'medium', 'b', 'null')";

    private static final String NULL_ROW = "INSERT INTO matrix (id, dflt, empty_or_null) VALUES (4, NULL, NULL)";

    /** Fractions with leading zeros, which a careless text conversion turns from .001 into .1. */
    private static final String LEADING_ZEROS_ROW = "INSERT INTO matrix (id, dt1, dt2, dt3, dt4, dt5, dt6, tm6, ts6) VALUES "
            + "(5, '2024-06-01 00:00:01.0', '2024-06-01 00:00:01.01', '2024-06-01 00:00:01.001', '2024-06-01 00:00:01.0001', "
            + "'2024-06-01 00:00:01.00001', '2024-06-01 00:00:01.000001', '-00:00:01.000001', '2024-06-01 00:00:01.000001')";

    /** The table with the rows an initial snapshot carries. */
    public static final String[] SNAPSHOTTED = {CREATE, MAX_ROW, MIN_ROW, DST_ROW, NULL_ROW, LEADING_ZEROS_ROW};

    /** Inserts and updates for the streaming phase. */
    public static final String[] STREAMED = {
        MAX_ROW.replace("VALUES (1,", "VALUES (11,"),
        MIN_ROW.replace("VALUES (2,", "VALUES (12,"),
        DST_ROW.replace("VALUES (3,", "VALUES (13,"),
        "INSERT INTO matrix (id) VALUES (14)",
        LEADING_ZEROS_ROW.replace("VALUES (5,", "VALUES (15,"),
        "UPDATE matrix SET vc = 'ä\u0308 → a with combining diaeresis', tm = '-12:34:56', b64 = b'101', dflt = '' WHERE id = 1",
        "UPDATE matrix SET dec65 = NULL, js = NULL, bin = NULL WHERE id = 2",
    };

    private TypeMatrix() {
    }

    /**
     * Spot checks of values a row-by-row comparison could tell apart only through their text
     * (unsigned maximum, NULL against the column default, empty string against NULL), read from the
     * target table {@code matrix} (qualified) after the {@link #STREAMED} changes arrived.
     */
    public static void assertTargetKeepsEdgeValues(Statement target, String matrix) throws SQLException {
        assertThat(text(target, "SELECT bi_u FROM " + matrix + " WHERE id = 1")).isEqualTo("18446744073709551615");
        assertThat(text(target, "SELECT dflt FROM " + matrix + " WHERE id = 4")).isNull();
        assertThat(text(target, "SELECT dflt FROM " + matrix + " WHERE id = 14")).isEqualTo("default");
        assertThat(text(target, "SELECT empty_or_null FROM " + matrix + " WHERE id = 1")).isEmpty();
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row for " + sql).isTrue();
            return rs.getString(1);
        }
    }
}
