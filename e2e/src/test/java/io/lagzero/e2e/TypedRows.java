package io.lagzero.e2e;

/** A table with the types whose values must survive exactly, and rows at their edges. */
final class TypedRows {
    static final String CREATE = """
            CREATE TABLE typed (
              id BIGINT UNSIGNED PRIMARY KEY,
              i INT, i_u INT UNSIGNED, b BIGINT, b_u BIGINT UNSIGNED,
              d DECIMAL(20,6), v VARCHAR(100) CHARACTER SET utf8mb4, t TEXT,
              bin BINARY(32), dt DATETIME(6), ts TIMESTAMP NULL, dd DATE
            ) DEFAULT CHARSET = utf8mb4""";
    static final String INSERT_MAX = "INSERT INTO typed VALUES (1, 2147483647, 4294967295, 9223372036854775807, "
            + "18446744073709551615, 99999999999999.999999, 'emoji 😀🎉 and é ü ñ', REPEAT('long text ', 500), "
            + "UNHEX(REPEAT('00FF', 16)), '2024-03-10 02:30:00.123456', '2038-01-19 03:14:07', '9999-12-31')";
    static final String INSERT_MIN = "INSERT INTO typed VALUES (2, -2147483648, 0, -9223372036854775808, 0, "
            + "-99999999999999.999999, '', '', UNHEX(REPEAT('00', 32)), '1000-01-01 00:00:00.000000', "
            + "'1970-01-01 00:00:01', '1000-01-01')";
    static final String INSERT_NULLS = "INSERT INTO typed (id) VALUES (3)";

    private TypedRows() {
    }
}
