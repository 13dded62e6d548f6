package io.lagzero.sink.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the {@link Dialect} for a JDBC URL among those registered with {@link ServiceLoader}. */
public final class Dialects {
    private Dialects() {
    }

    public static Dialect forUrl(String jdbcUrl) {
        List<String> known = new ArrayList<>();
        for (Dialect dialect : ServiceLoader.load(Dialect.class, Dialect.class.getClassLoader())) {
            if (jdbcUrl != null && dialect.accepts(jdbcUrl)) {
                return dialect;
            }
            known.add(dialect.name());
        }
        throw new IllegalArgumentException("jdbcUrl '" + withoutQuery(jdbcUrl) + "' has no dialect. Fix: use a URL "
                + "starting with jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql: (dialects found: " + known + ")");
    }

    /** The dialect of an open connection, by the URL it was opened with. */
    public static Dialect of(Connection connection) throws SQLException {
        return forUrl(connection.getMetaData().getURL());
    }

    /** The URL without its query string, which may hold a password. */
    public static String withoutQuery(String jdbcUrl) {
        if (jdbcUrl == null) {
            return null;
        }
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...";
    }
}
