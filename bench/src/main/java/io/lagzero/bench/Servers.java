package io.lagzero.bench;

import io.lagzero.sandbox.db.DatabaseServer;
import io.lagzero.sandbox.db.MariaDbServer;
import io.lagzero.sandbox.db.TargetKind;
import io.lagzero.sandbox.kafka.KafkaBroker;
import io.lagzero.testkit.ConnectWorker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every server of one benchmark run, started from Maven Central artifacts: a MariaDB source with
 * the binlog on, the target, a Kafka broker and one Kafka Connect worker that hosts Debezium's
 * source, our sink and Debezium's JDBC sink. Closing stops them all, in reverse order.
 */
final class Servers implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    final MariaDbServer source;
    final DatabaseServer target;
    final KafkaBroker kafka;
    final ConnectWorker connect;

    Servers(TargetKind targetKind, Path buildDir) {
        try {
            source = keep(MariaDbServer.startSource("bench-source"));
            target = keep(targetKind.start("bench-target"));
            kafka = keep(KafkaBroker.startTemporary("bench-kafka"));
            connect = keep(ConnectWorker.start("bench-connect", kafka.bootstrapServers(),
                    ConnectWorker.classpath(buildDir.resolveSibling(Path.of("connect-worker", "target", "connect-worker.classpath"))),
                    List.of(buildDir.resolve("connect-plugins")),
                    // Both sinks' offsets are committed this often: the finish line of every sink phase.
                    Map.of("offset.flush.interval.ms", "250"), Optional.empty()));
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T keep(T server) {
        started.add(server);
        return server;
    }

    @Override
    public void close() {
        List<AutoCloseable> reverse = new ArrayList<>(started);
        Collections.reverse(reverse);
        for (AutoCloseable server : reverse) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("bench: could not stop " + server + ": " + e);
            }
        }
        started.clear();
    }
}
