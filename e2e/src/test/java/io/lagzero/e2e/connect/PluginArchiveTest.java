package io.lagzero.e2e.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin as {@code mvn package} leaves it in the sink module (copied here by the
 * build): one top folder, the Confluent Hub manifest, our jar with its ServiceLoader entry, its
 * runtime dependencies, and none of the jars the Connect worker provides.
 */
class PluginArchiveTest {
    private static final String VERSION = System.getProperty("lagzero.version");
    private static final String TOP = "lagzero-sink-" + VERSION + "/";
    private static final Path ARCHIVES = Path.of("target", "plugin-archives");

    @Test
    void theZipIsAPluginFolderWithOurJarAndWithoutKafkasJars() throws IOException {
        checkPlugin(unzip(ARCHIVES.resolve("lagzero-sink-" + VERSION + "-plugin.zip")));
    }

    @Test
    void theTarGzHoldsTheSameFiles() throws IOException {
        Map<String, byte[]> tar = untar(ARCHIVES.resolve("lagzero-sink-" + VERSION + "-plugin.tar.gz"));
        checkPlugin(tar);
        assertThat(tar.keySet()).containsExactlyInAnyOrderElementsOf(
                unzip(ARCHIVES.resolve("lagzero-sink-" + VERSION + "-plugin.zip")).keySet());
    }

    private static void checkPlugin(Map<String, byte[]> files) throws IOException {
        assertThat(files.keySet()).allMatch(name -> name.startsWith(TOP), "is under " + TOP);
        List<String> lib = files.keySet().stream().filter(name -> name.startsWith(TOP + "lib/"))
                .map(name -> name.substring((TOP + "lib/").length())).toList();
        assertThat(lib).contains("lagzero-sink-" + VERSION + ".jar")
                .anyMatch(jar -> jar.startsWith("mariadb-java-client-"))
                .anyMatch(jar -> jar.startsWith("postgresql-"))
                .anyMatch(jar -> jar.startsWith("HikariCP-"))
                .noneMatch(jar -> jar.startsWith("kafka-clients-") || jar.startsWith("connect-api-")
                        || jar.startsWith("connect-runtime-") || jar.startsWith("connect-json-"))
                .noneMatch(jar -> jar.startsWith("slf4j-") || jar.startsWith("logback-") || jar.startsWith("log4j-")
                        || jar.startsWith("reload4j-"));

        Map<String, byte[]> jar = unzip(new ByteArrayInputStream(files.get(TOP + "lib/lagzero-sink-" + VERSION + ".jar")));
        assertThat(jar).containsKey("META-INF/services/org.apache.kafka.connect.sink.SinkConnector");
        assertThat(new String(jar.get("META-INF/services/org.apache.kafka.connect.sink.SinkConnector"), StandardCharsets.UTF_8))
                .contains("io.lagzero.sink.connect.LagzeroSinkConnector");
        assertThat(jar).containsKey("io/lagzero/sink/connect/LagzeroSinkConnector.class");

        JsonNode manifest = new ObjectMapper().readTree(files.get(TOP + "manifest.json"));
        assertThat(manifest.path("name").asText()).isEqualTo("lagzero-sink");
        assertThat(manifest.path("version").asText()).isEqualTo(VERSION);
        assertThat(manifest.path("component_types").toString()).isEqualTo("[\"sink\"]");
        for (String field : List.of("title", "description", "owner", "license", "documentation_url", "release_date")) {
            assertThat(manifest.path(field).isMissingNode()).as("manifest.json has " + field).isFalse();
        }
        assertThat(manifest.toString()).doesNotContain("${");
        assertThat(files).containsKey(TOP + "README.md");
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        try (InputStream in = Files.newInputStream(zip)) {
            return unzip(in);
        }
    }

    private static Map<String, byte[]> unzip(InputStream in) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), zip.readAllBytes());
                }
            }
        }
        return files;
    }

    /** Regular files of a POSIX/ustar tar.gz (enough for what maven-assembly-plugin writes). */
    private static Map<String, byte[]> untar(Path tarGz) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz))) {
            String longName = null;
            for (byte[] header = in.readNBytes(512); header.length == 512 && header[0] != 0; header = in.readNBytes(512)) {
                long size = Long.parseLong(text(header, 124, 12).trim(), 8);
                byte[] data = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                char type = (char) header[156];
                String prefix = text(header, 345, 155);
                String name = longName != null ? longName
                        : prefix.isEmpty() ? text(header, 0, 100) : prefix + "/" + text(header, 0, 100);
                longName = null;
                if (type == 'x') {
                    longName = paxPath(new String(data, StandardCharsets.UTF_8));
                } else if (type == 'L') {
                    longName = text(data, 0, data.length);
                } else if (type == '0' || type == 0) {
                    files.put(name, data);
                }
            }
        }
        return files;
    }

    private static String paxPath(String records) {
        List<String> paths = new ArrayList<>();
        for (String record : records.split("\n")) {
            int eq = record.indexOf(" path=");
            if (eq >= 0) {
                paths.add(record.substring(eq + " path=".length()));
            }
        }
        return paths.isEmpty() ? null : paths.get(0);
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }
}
