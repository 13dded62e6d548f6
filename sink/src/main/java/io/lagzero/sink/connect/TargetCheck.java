package io.lagzero.sink.connect;

import static io.lagzero.sink.connect.LagzeroSinkConfig.CONNECTION_PASSWORD;
import static io.lagzero.sink.connect.LagzeroSinkConfig.CONNECTION_URL;
import static io.lagzero.sink.connect.LagzeroSinkConfig.CONNECTION_USERNAME;

import io.lagzero.sink.dialect.Dialects;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/**
 * The checks of {@link LagzeroSinkConnector#validate} that need several keys: it connects to the
 * target once (a few seconds at most) and reports a refusal on the key the user must fix.
 */
final class TargetCheck {
    static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** Access denied: SQLState class 28, MariaDB 1045. */
    private static final Set<Integer> AUTH_CODES = Set.of(1045, 1698);

    private TargetCheck() {
    }

    static void check(Config config) {
        Map<String, ConfigValue> values = config.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        ConfigValue url = values.get(CONNECTION_URL);
        ConfigValue user = values.get(CONNECTION_USERNAME);
        ConfigValue password = values.get(CONNECTION_PASSWORD);
        if (url == null || user == null || password == null) {
            return;
        }
        requirePresent(url, "the target's JDBC URL, e.g. jdbc:mariadb://host:3306/app");
        requirePresent(user, "the target database user");
        if (hasErrors(url, user, password)) {
            return;
        }
        String jdbcUrl = (String) url.value();
        Object secret = password.value();
        String pw = secret instanceof Password p ? p.value() : "";
        connect(jdbcUrl, (String) user.value(), pw).ifPresent(failure -> blame(failure, jdbcUrl, url, password));
    }

    private static void requirePresent(ConfigValue value, String what) {
        if (value.value() == null) {
            value.addErrorMessage(value.name() + " is missing. Fix: set " + value.name() + " to " + what);
        }
    }

    private static boolean hasErrors(ConfigValue... values) {
        for (ConfigValue value : values) {
            if (!value.errorMessages().isEmpty() || value.value() == null && !value.name().equals(CONNECTION_PASSWORD)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<SQLException> connect(String jdbcUrl, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
            props.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        } else {
            props.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS * 1000));
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, props)) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e);
        }
    }

    private static void blame(SQLException failure, String jdbcUrl, ConfigValue url, ConfigValue password) {
        String state = failure.getSQLState() == null ? "" : failure.getSQLState();
        String reason = failure.getMessage() + (state.isEmpty() ? "" : " [SQLState " + state + "]");
        if (state.startsWith("28") || AUTH_CODES.contains(failure.getErrorCode())) {
            password.addErrorMessage("The target refused the login: " + reason + ". Fix: check "
                    + CONNECTION_USERNAME + " and " + CONNECTION_PASSWORD);
        } else {
            url.addErrorMessage("Cannot connect to " + Dialects.withoutQuery(jdbcUrl) + ": " + reason
                    + ". Fix: check that " + CONNECTION_URL + " names a running server and an existing database");
        }
    }
}
