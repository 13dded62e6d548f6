package io.lagzero.connector;

import java.util.Locale;

/** Which binlog dialect the source speaks, and so which Debezium connector reads it. */
public enum SourceFlavor {
    MARIADB("io.debezium.connector.mariadb.MariaDbConnector"),
    MYSQL("io.debezium.connector.mysql.MySqlConnector");

    private final String connectorClass;

    SourceFlavor(String connectorClass) {
        this.connectorClass = connectorClass;
    }

    public String connectorClass() {
        return connectorClass;
    }

    static SourceFlavor ofVersion(String version) {
        return version.toLowerCase(Locale.ROOT).contains("mariadb") ? MARIADB : MYSQL;
    }
}
