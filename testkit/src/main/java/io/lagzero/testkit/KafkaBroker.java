package io.lagzero.testkit;

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
 * A single-node KRaft Kafka broker (combined broker + controller) inside this JVM. Its log
 * directory survives a restart when it is given one, so an embedded pipeline can resume.
 */
public final class KafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final Path logDir;
    private final int port;
    private final boolean deleteOnClose;

    private KafkaBroker(KafkaRaftServer server, Path logDir, int port, boolean deleteOnClose) {
        this.server = server;
        this.logDir = logDir;
        this.port = port;
        this.deleteOnClose = deleteOnClose;
    }

    /** A throw-away broker under {@code target/servers}, deleted on close. */
    public static KafkaBroker start(String name) {
        return start(ServerDirs.fresh(name), ServerDirs.freePort(), true);
    }

    /** A broker whose data lives in {@code logDir} and is kept, so a later start resumes it. */
    public static KafkaBroker startPersistent(Path logDir) {
        return start(logDir, ServerDirs.freePort(), false);
    }

    private static KafkaBroker start(Path logDir, int port, boolean deleteOnClose) {
        int controllerPort = ServerDirs.freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.retention.hours", "-1");
        props.put("log.cleaner.dedupe.buffer.size", "2097152");
        props.put("auto.create.topics.enable", "true");
        props.put("message.max.bytes", "16777216");
        try {
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                Files.createDirectories(logDir);
                new Formatter()
                        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                        .setNodeId(1)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setDirectories(List.of(logDir.toAbsolutePath().toString()))
                        .setControllerListenerName("CONTROLLER")
                        .setReleaseVersion(MetadataVersion.latestProduction())
                        .setHasDynamicQuorum(false)
                        .run();
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new KafkaBroker(server, logDir, port, deleteOnClose);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not start in " + logDir + ": " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            ServerDirs.deleteRecursively(logDir);
        }
    }
}
