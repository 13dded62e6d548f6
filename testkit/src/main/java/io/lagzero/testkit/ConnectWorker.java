package io.lagzero.testkit;

import static org.awaitility.Awaitility.await;

import io.lagzero.connectclient.ConnectRest;
import io.lagzero.connectclient.ConnectorStatus;
import io.lagzero.sandbox.ServerDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A real Kafka Connect worker in distributed mode ({@code ConnectDistributed}), in a child JVM so
 * that its {@code plugin.path} class loading is the real, isolated one and not the test's
 * classpath. Its group and internal topics live on the given broker; it listens on a free local
 * REST port. The worker's output goes to a log file that outlives it (under
 * {@code target/connect-logs}); {@link #close()} stops it and deletes its working directory.
 */
public final class ConnectWorker implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} %X{connector.context}- %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.kafka.clients" level="WARN"/>
              <logger name="org.apache.kafka.common" level="WARN"/>
              <logger name="org.apache.kafka.connect.runtime.isolation" level="WARN"/>
              <logger name="org.apache.kafka.connect.runtime.rest.RestServer" level="WARN"/>
              <logger name="org.eclipse.jetty" level="WARN"/>
              <logger name="org.glassfish" level="WARN"/>
              <logger name="org.reflections" level="ERROR"/>
              <root level="INFO"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private final Process process;
    private final Path dir;
    private final Path log;
    private final ConnectRest rest;
    private final Thread killOnExit;
    private final int jmxPort;
    private final int metricsPort;

    /**
     * The Prometheus JMX exporter java agent to run in the worker, as {@code KAFKA_OPTS=-javaagent:…}
     * does in production: it serves the worker's MBeans, turned into Prometheus metrics by
     * {@code config}'s rules, over HTTP on a free port ({@link #metricsUrl()}).
     */
    public record JmxExporter(Path agentJar, Path config) {
    }

    private ConnectWorker(Process process, Path dir, Path log, URI rest, int jmxPort, int metricsPort) {
        this.jmxPort = jmxPort;
        this.metricsPort = metricsPort;
        this.process = process;
        this.dir = dir;
        this.log = log;
        this.rest = new ConnectRest(rest, "; see " + log);
        this.killOnExit = new Thread(process::destroyForcibly, "kill-connect-worker");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a worker and waits until its REST API reports it healthy.
     *
     * @param classpath the worker's classpath: connect-runtime and its dependencies plus an SLF4J
     *     binding (logback is configured), never our plugins; see {@link #classpath(Path...)}
     * @param pluginPath the worker's {@code plugin.path}: directories that hold plugin folders
     * @param overrides worker properties that replace the defaults (e.g. {@code group.id})
     * @param exporter the JMX exporter agent to run in the worker, if any
     */
    public static ConnectWorker start(String name, String bootstrapServers, String classpath, List<Path> pluginPath,
            Map<String, String> overrides, Optional<JmxExporter> exporter) {
        Path dir = ServerDirs.fresh(name);
        int port = ServerDirs.freePort();
        int jmxPort = ServerDirs.freePort();
        int metricsPort = exporter.isPresent() ? ServerDirs.freePort() : 0;
        String id = dir.getFileName().toString();
        Map<String, String> props = new LinkedHashMap<>(defaults(id, bootstrapServers, port));
        props.put("plugin.path", pluginPath.stream().map(p -> p.toAbsolutePath().toString()).collect(Collectors.joining(",")));
        props.putAll(overrides);
        try {
            Path config = Files.writeString(dir.resolve("worker.properties"), props.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
            Path logback = Files.writeString(dir.resolve("logback.xml"), LOGBACK);
            Path log = Files.createDirectories(Path.of("target", "connect-logs").toAbsolutePath()).resolve(id + ".log");
            // Kafka's bin/connect-distributed.sh heap. With -Xmx768m, Debezium's snapshot spent over a
            // third of the worker's CPU collecting garbage (3M rows: 11.4 of 29.6 µs per row).
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms256m", "-Xmx2g", "-Dlogback.configurationFile=" + logback));
            exporter.ifPresent(agent -> command.add("-javaagent:" + agent.agentJar().toAbsolutePath() + "=127.0.0.1:"
                    + metricsPort + ":" + agent.config().toAbsolutePath()));
            command.addAll(List.of(
                    "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                    "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                    "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                    "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                    "-cp", classpath, "org.apache.kafka.connect.cli.ConnectDistributed", config.toString()));
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ConnectWorker worker = new ConnectWorker(process, dir, log, URI.create("http://127.0.0.1:" + port), jmxPort,
                    metricsPort);
            try {
                worker.awaitHealthy();
            } catch (RuntimeException | Error e) {
                worker.close();
                throw e;
            }
            return worker;
        } catch (IOException e) {
            ServerDirs.deleteRecursively(dir);
            throw new UncheckedIOException("Kafka Connect worker " + name + " did not start", e);
        }
    }

    /** A single-node test worker: its own group and internal topics, fast offset commits. */
    private static Map<String, String> defaults(String id, String bootstrapServers, int port) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", id);
        props.put("config.storage.topic", id + "-configs");
        props.put("offset.storage.topic", id + "-offsets");
        props.put("status.storage.topic", id + "-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("offset.storage.partitions", "3");
        props.put("status.storage.partitions", "1");
        props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        props.put("offset.flush.interval.ms", "1000");
        props.put("scheduled.rebalance.max.delay.ms", "0");
        props.put("listeners", "http://127.0.0.1:" + port);
        props.put("rest.advertised.host.name", "127.0.0.1");
        props.put("rest.advertised.port", String.valueOf(port));
        // Plugins must ship ServiceLoader manifests, as Connect 4's fast discovery needs.
        props.put("plugin.discovery", "service_load");
        return props;
    }

    public static ConnectWorker start(String name, String bootstrapServers, String classpath, List<Path> pluginPath) {
        return start(name, bootstrapServers, classpath, pluginPath, Map.of(), Optional.empty());
    }

    /** A classpath from files such as {@code dependency:build-classpath} writes, joined in order. */
    public static String classpath(Path... files) {
        List<String> parts = new ArrayList<>();
        for (Path file : files) {
            try {
                parts.add(Files.readString(file).trim());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the classpath file " + file.toAbsolutePath(), e);
            }
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    private void awaitHealthy() {
        await("Connect worker healthy, log " + log).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Kafka Connect worker exited with " + process.exitValue()
                                + "; see " + log);
                    }
                    return rest.healthy();
                });
    }

    /** The REST API, e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return rest.url();
    }

    /** Where the JMX exporter agent serves Prometheus text, e.g. {@code http://127.0.0.1:40124/metrics}. */
    public URI metricsUrl() {
        if (metricsPort == 0) {
            throw new IllegalStateException("This worker was started without the JMX exporter agent");
        }
        return URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
    }

    /**
     * The attribute names of the worker's MBeans matching {@code pattern} (e.g.
     * {@code kafka.connect:type=plugins,connector=x,*}), each as {@code attribute{key=value,…}}.
     */
    public List<String> mbeanAttributes(String pattern) {
        return withMBeans("the worker's MBeans " + pattern, server -> {
            List<String> attributes = new ArrayList<>();
            for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
                for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                    attributes.add(attribute.getName() + name.getKeyPropertyList());
                }
            }
            return attributes;
        });
    }

    /** The sum of a numeric attribute over the worker's MBeans matching {@code pattern}; 0 when none matches. */
    public double mbeanSum(String pattern, String attribute) {
        return withMBeans("the worker's MBeans " + pattern, server -> {
            double sum = 0;
            for (ObjectName name : server.queryNames(new ObjectName(pattern), null)) {
                boolean has = Arrays.stream(server.getMBeanInfo(name).getAttributes()).anyMatch(a -> a.getName().equals(attribute));
                if (has && server.getAttribute(name, attribute) instanceof Number value) {
                    sum += value.doubleValue();
                }
            }
            return sum;
        });
    }

    /** Bytes of heap the worker's JVM uses right now (JMX {@code java.lang:type=Memory}). */
    public long heapUsedBytes() {
        return withMBeans("the worker's heap", server -> ((CompositeData) server.getAttribute(
                new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage")).get("used") instanceof Long used ? used : -1L);
    }

    /**
     * Bytes of heap the worker's JVM kept after its last garbage collections: the sum over its heap
     * pools of their usage after their last collection (JMX {@code CollectionUsage}), which, unlike
     * {@link #heapUsedBytes()}, does not count garbage not yet collected.
     */
    public long heapRetainedBytes() {
        return withMBeans("the worker's heap pools", server -> {
            long retained = 0;
            for (ObjectName pool : server.queryNames(new ObjectName("java.lang:type=MemoryPool,*"), null)) {
                if ("HEAP".equals(String.valueOf(server.getAttribute(pool, "Type")))
                        && server.getAttribute(pool, "CollectionUsage") instanceof CompositeData usage) {
                    retained += (Long) usage.get("used");
                }
            }
            return retained;
        });
    }

    /**
     * CPU time the worker's JVM has used so far, in nanoseconds: all threads (JMX
     * {@code ProcessCpuTime}), and of those the JIT compiler's and the garbage collector's threads
     * (Linux {@code /proc/<pid>/task/*}/stat, 10 ms ticks; 0 elsewhere). A thread that ended
     * meanwhile is left out of its part.
     */
    public record CpuTime(long totalNanos, long compilerNanos, long gcNanos) {
        public CpuTime minus(CpuTime earlier) {
            return new CpuTime(totalNanos - earlier.totalNanos, compilerNanos - earlier.compilerNanos, gcNanos - earlier.gcNanos);
        }
    }

    public CpuTime cpuTime() {
        long total = withMBeans("the worker's CPU time", server -> (Long) server.getAttribute(
                new ObjectName("java.lang:type=OperatingSystem"), "ProcessCpuTime"));
        long compiler = 0;
        long gc = 0;
        for (Map.Entry<String, Long> thread : ThreadTicks.of(process.pid()).entrySet()) {
            if (ThreadTicks.isCompiler(thread.getKey())) {
                compiler += thread.getValue();
            } else if (ThreadTicks.isGc(thread.getKey())) {
                gc += thread.getValue();
            }
        }
        return new CpuTime(total, compiler, gc);
    }

    /** The worker process's resident set size in bytes (Linux {@code /proc/<pid>/status}), -1 elsewhere. */
    public long residentBytes() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private interface MBeanQuery<T> {
        T run(MBeanServerConnection server) throws IOException, JMException;
    }

    private <T> T withMBeans(String what, MBeanQuery<T> query) {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
            return query.run(connector.getMBeanServerConnection());
        } catch (IOException | JMException e) {
            throw new IllegalStateException("Cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    public Path log() {
        return log;
    }

    /** The worker's REST API client. */
    public ConnectRest rest() {
        return rest;
    }

    public void createConnector(String name, Map<String, String> config) {
        rest.createConnector(name, config);
    }

    public Map<String, List<String>> validate(String name, Map<String, String> config) {
        return rest.validate(name, config);
    }

    public ConnectorStatus status(String name) {
        return rest.status(name);
    }

    public List<String> connectorPlugins() {
        return rest.connectorPlugins();
    }

    /**
     * Waits until the connector and {@code tasks} tasks are RUNNING; fails at once when one of
     * them is FAILED, with its stack trace.
     */
    public void awaitRunning(String name, int tasks, Duration timeout) {
        await("connector " + name + " and " + tasks + " tasks RUNNING, log " + log).atMost(timeout)
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    ConnectorStatus status = status(name);
                    status.failure().ifPresent(trace -> {
                        throw new IllegalStateException("Connector " + name + " failed: " + trace);
                    });
                    return status.isRunning(tasks);
                });
    }

    /** Kills the worker at once (SIGKILL), as a crashed machine would end it; {@link #close()} still cleans up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops the worker (SIGTERM, then SIGKILL after a minute) and deletes its working directory. */
    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            ServerDirs.deleteRecursively(dir);
        }
    }
}
