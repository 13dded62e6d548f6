package io.lagzero.e2e;

import org.junit.jupiter.api.BeforeAll;

class MariaDbVerifyTest extends AbstractVerifyTest {
    @BeforeAll
    static void start() {
        startServers(Target.mariaDb("verify"));
    }

    @Override
    String targetAccounts() {
        return ACCOUNTS;
    }

    @Override
    String targetRates(int scale) {
        return "CREATE TABLE rates (id INT PRIMARY KEY, rate DECIMAL(10," + scale + ") NOT NULL)";
    }

    @Override
    String[] targetVisits() {
        return new String[] {"CREATE TABLE visits (id INT PRIMARY KEY, user_signature BINARY(32) NOT NULL)",
            "INSERT INTO visits SELECT seq, UNHEX(SHA2(seq, 256)) FROM seq_1_to_100"};
    }

    @Override
    String plusOneHour(String column) {
        return column + " + INTERVAL 1 HOUR";
    }

    @Override
    String[] userWithoutDelete(String user, String password) {
        return new String[] {"CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
            "CREATE USER IF NOT EXISTS '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'",
            "GRANT SELECT, INSERT, UPDATE ON unrepairable.* TO '" + user + "'@'%'",
            "GRANT SELECT, INSERT, UPDATE ON unrepairable.* TO '" + user + "'@'localhost'"};
    }
}
