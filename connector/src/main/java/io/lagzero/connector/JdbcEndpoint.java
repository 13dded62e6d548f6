package io.lagzero.connector;

import java.net.URI;
import java.util.Locale;

/** Host, port and database of a MySQL/MariaDB/PostgreSQL JDBC URL. */
public record JdbcEndpoint(String scheme, String host, int port, String database) {

    public static JdbcEndpoint parse(String option, String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new SetupException(option + " must be a JDBC URL such as jdbc:mariadb://db.example.com:3306/app, got: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "mysql", "mariadb" -> 3306;
            case "postgresql" -> 5432;
            default -> throw new SetupException(option + ": unsupported database '" + scheme
                    + "'; use jdbc:mariadb://, jdbc:mysql:// or jdbc:postgresql://");
        };
        if (uri.getHost() == null) {
            throw new SetupException(option + " has no host: " + jdbcUrl + " (expected jdbc:" + scheme + "://HOST:PORT/DATABASE)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new JdbcEndpoint(scheme, uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort(), path);
    }

    public String hostAndPort() {
        return host + ":" + port;
    }
}
