package io.lagzero.sink.connect;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies Debezium MySQL/MariaDB change events to a MariaDB, MySQL or PostgreSQL target. */
public final class LagzeroSinkConnector extends SinkConnector {
    private static final Logger LOG = LoggerFactory.getLogger(LagzeroSinkConnector.class);

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = Map.copyOf(props);
        LOG.info("Starting with {}", new LagzeroSinkConfig(this.props));
    }

    @Override
    public Class<? extends Task> taskClass() {
        return LagzeroSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
        // tasks own every resource
    }

    @Override
    public ConfigDef config() {
        return LagzeroSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        TargetCheck.check(config);
        Map<String, ConfigValue> values = config.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        Map<String, Object> parsed = new HashMap<>();
        values.forEach((name, value) -> parsed.put(name, value.value()));
        LagzeroSinkConfig.crossKeyProblems(parsed).forEach((key, problem) -> values.get(key).addErrorMessage(problem));
        return config;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
