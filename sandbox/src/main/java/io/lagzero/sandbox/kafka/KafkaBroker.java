package io.lagzero.sandbox.kafka;

import io.lagzero.sandbox.ServerDirs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) inside this JVM: the Kafka of
 * {@code lagzero run} when no {@code --kafka} is given, and of the demo. Its data lives in the
 * directory it is given and survives a restart, so a pipeline resumes where it stopped; closing it
 * keeps the data. {@link BrokerSettings} says how it runs and why each default is what it is.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final KafkaRaftServer server;
    private final Path logDir;
    private final int port;
    private final boolean temporary;

    /** The port is taken by another process. */
    public static final class PortInUseException extends IllegalStateException {
        private final int port;

        PortInUseException(int port, IOException cause) {
            super("port " + port + " on " + HOST + " is in use", cause);
            this.port = port;
        }

        public int port() {
            return port;
        }
    }

    private KafkaBroker(KafkaRaftServer server, Path logDir, int port, boolean temporary) {
        this.server = server;
        this.logDir = logDir;
        this.port = port;
        this.temporary = temporary;
    }

    /**
     * A throw-away broker, as the sandbox databases are: a fresh directory under {@link ServerDirs},
     * any free port, deleted on {@link #close()}.
     */
    public static KafkaBroker startTemporary(String name) {
        Path dir = ServerDirs.fresh(name);
        try {
            return start(dir, BrokerSettings.anyPort(), true);
        } catch (RuntimeException e) {
            ServerDirs.deleteRecursively(dir);
            throw e;
        }
    }

    /**
     * Starts a broker keeping its data in {@code logDir} (formatted on first use, resumed after).
     *
     * @throws PortInUseException when {@code settings.port()} is taken
     * @throws IllegalStateException when the broker does not start, e.g. another broker holds {@code logDir}
     */
    public static KafkaBroker start(Path logDir, BrokerSettings settings) {
        return start(logDir, settings, false);
    }

    private static KafkaBroker start(Path logDir, BrokerSettings settings, boolean temporary) {
        int port = settings.port() == 0 ? ServerDirs.freePort() : requireFree(settings.port());
        int controllerPort = ServerDirs.freePort();
        Properties props = properties(logDir, settings, port, controllerPort);
        KafkaRaftServer server = null;
        try {
            format(logDir);
            server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new KafkaBroker(server, logDir, port, temporary);
        } catch (Exception e) {
            if (server != null) {
                // A half-started server keeps non-daemon threads, which would keep the JVM alive.
                server.shutdown();
                server.awaitShutdown();
            }
            throw new IllegalStateException("Kafka broker did not start in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private static Properties properties(Path logDir, BrokerSettings settings, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", String.valueOf(settings.partitions()));
        props.put("log.retention.ms", String.valueOf(settings.retentionMillis()));
        // The sink's committed position is where lagzero run resumes: it must outlive any stop.
        // (Kafka's default forgets an idle group's offsets after 7 days.)
        props.put("offsets.retention.minutes", String.valueOf(Integer.MAX_VALUE));
        // One node: every internal topic has one replica; few partitions for the few groups there are.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        // The sink's group has one member: no point waiting for more to join.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Only the small compacted topics (offsets) are cleaned; Kafka's 128 MB buffer would sit in our heap.
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        props.put("auto.create.topics.enable", "true");
        // As large as the producer's max.request.size: a row with large BLOBs fits one record.
        props.put("message.max.bytes", "16777216");
        return props;
    }

    private static void format(Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(logDir);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setHasDynamicQuorum(false)
                .run();
    }

    /** Binds the port once, as the broker will, so a taken port is named instead of failing deep in Kafka. */
    private static int requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return port;
        } catch (IOException e) {
            throw new PortInUseException(port, e);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    /** Stops the broker; its data stays in {@link #logDir()}, unless it was {@link #startTemporary temporary}. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (temporary) {
            ServerDirs.deleteRecursively(logDir);
        }
    }
}
