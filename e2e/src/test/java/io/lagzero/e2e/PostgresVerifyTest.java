package io.lagzero.e2e;

import org.junit.jupiter.api.BeforeAll;

class PostgresVerifyTest extends AbstractVerifyTest {
    @BeforeAll
    static void start() {
        startServers(Target.postgres("verify"));
    }

    @Override
    String targetAccounts() {
        return """
                CREATE TABLE accounts (
                  id bigint NOT NULL PRIMARY KEY,
                  name varchar(50) NOT NULL,
                  note varchar(20),
                  balance numeric(12,2) NOT NULL,
                  opened timestamp(6) NOT NULL,
                  seen timestamptz(6),
                  active boolean NOT NULL,
                  sig bytea NOT NULL,
                  payload json
                )""";
    }

    @Override
    String targetRates(int scale) {
        return "CREATE TABLE rates (id integer PRIMARY KEY, rate numeric(10," + scale + ") NOT NULL)";
    }

    @Override
    String[] targetVisits() {
        return new String[] {"CREATE TABLE visits (id integer PRIMARY KEY, user_signature bytea NOT NULL)",
            "INSERT INTO visits SELECT g, sha256(CAST(CAST(g AS text) AS bytea)) FROM generate_series(1, 100) AS g"};
    }

    @Override
    String plusOneHour(String column) {
        return column + " + interval '1 hour'";
    }

    @Override
    String[] userWithoutDelete(String user, String password) {
        return new String[] {"CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'",
            "GRANT USAGE ON SCHEMA public TO " + user,
            "GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO " + user};
    }
}
