package io.lagzero.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Where servers keep their data, and the free ports they listen on. */
public final class ServerDirs {
    private ServerDirs() {
    }

    /**
     * A fresh directory for one server under {@code target/servers}, or under the directory named
     * by the system property {@code lagzero.servers.dir} or the variable {@code LAGZERO_SERVERS_DIR}.
     */
    public static Path fresh(String name) {
        String base = System.getProperty("lagzero.servers.dir", System.getenv().getOrDefault("LAGZERO_SERVERS_DIR", "target/servers"));
        Path dir = Path.of(base).toAbsolutePath().resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create server directory " + dir, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }
}
