package io.lagzero.connector;

import static io.lagzero.sink.dialect.Dialects.withoutQuery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Host, port and database of a MySQL/MariaDB/PostgreSQL JDBC URL. */
public record JdbcEndpoint(String scheme, String host, int port, String database) {

    public static JdbcEndpoint parse(String option, String jdbcUrl) {
        String example = option.equals("--target") ? "jdbc:postgresql://db2:5432/app" : "jdbc:mariadb://db1:3306/app";
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new SetupException(option + " '" + withoutQuery(jdbcUrl) + "' is not a JDBC URL. Fix: write it like " + example);
        }
        URI uri;
        try {
            uri = new URI(jdbcUrl.substring("jdbc:".length()));
        } catch (URISyntaxException e) {
            throw new SetupException(option + " '" + withoutQuery(jdbcUrl) + "' is not a valid URL (" + e.getReason()
                    + "). Fix: write it like " + example);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "mysql", "mariadb" -> 3306;
            case "postgresql" -> 5432;
            default -> throw new SetupException(option + ": unsupported database '" + scheme
                    + "'. Fix: use jdbc:mariadb://, jdbc:mysql:// or jdbc:postgresql://");
        };
        if (uri.getHost() == null) {
            throw new SetupException(option + " '" + withoutQuery(jdbcUrl) + "' has no host, or its port is not a number. Fix: "
                    + "write it as jdbc:" + scheme + "://HOST:PORT/DATABASE, e.g. " + example);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new SetupException(option + " has port " + uri.getPort() + ", which does not exist. Fix: give a port "
                    + "in 1..65535, e.g. " + example);
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new JdbcEndpoint(scheme, uri.getHost(), uri.getPort() < 0 ? defaultPort : uri.getPort(), path);
    }

    /** A source URL: lagzero reads a binlog, so only MySQL and MariaDB qualify. */
    public static JdbcEndpoint parseSource(String jdbcUrl) {
        JdbcEndpoint endpoint = parse("--source", jdbcUrl);
        if (!endpoint.scheme().equals("mariadb") && !endpoint.scheme().equals("mysql")) {
            throw new SetupException("--source is a " + endpoint.scheme() + " URL, but lagzero reads the binlog of a MySQL "
                    + "or MariaDB server. Fix: give the source as jdbc:mariadb://HOST:PORT/DB or jdbc:mysql://HOST:PORT/DB");
        }
        return endpoint;
    }

    public String hostAndPort() {
        return host + ":" + port;
    }
}
