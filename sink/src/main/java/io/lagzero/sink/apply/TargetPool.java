package io.lagzero.sink.apply;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lagzero.sink.dialect.Dialect;

/** Connection pools to the target, each connection set up as the dialect wants it, auto-commit off. */
public final class TargetPool {
    private TargetPool() {
    }

    /** @param name names the pool's threads and log lines */
    public static HikariDataSource open(TargetSettings settings, String name, int size) {
        Dialect dialect = settings.dialect();
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setAutoCommit(false);
        config.setMaximumPoolSize(size);
        config.setConnectionInitSql(dialect.connectionInitSql());
        dialect.driverProperties().forEach(config::addDataSourceProperty);
        // Start even while the target is down: the first use then fails as a transient error and is
        // retried, instead of failing the task or the pipeline at start.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
