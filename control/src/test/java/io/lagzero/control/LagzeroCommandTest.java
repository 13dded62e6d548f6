package io.lagzero.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.sandbox.ServerDirs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when the command line or the config file is wrong: one line with the fix. */
class LagzeroCommandTest {
    @TempDir
    Path dir;

    @Test
    void missingOptionsNameTheFlagAndTheFix() {
        Result result = run("run", "--target", "jdbc:postgresql://127.0.0.1:5432/app", "--target-user", "u", "--tables", "app.*");
        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("lagzero: --source is missing. Fix: give the source JDBC URL").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableTargetIsOneLineWithTheFix() {
        String url = "jdbc:postgresql://127.0.0.1:" + ServerDirs.freePort() + "/app";
        Result result = run("run", "--source", "jdbc:mariadb://127.0.0.1:1/app", "--source-user", "u", "--target", url,
                "--target-user", "u", "--tables", "app.*");
        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).startsWith("lagzero: Cannot reach the target database at 127.0.0.1:")
                .contains("Fix: check that the server is running").doesNotContain("\tat ");
    }

    @Test
    void theConfigFileSuppliesOptionsAndItsPasswordStaysSecret() throws Exception {
        Path config = dir.resolve("lagzero.properties");
        Files.writeString(config, String.join("\n",
                "source=jdbc:mariadb://127.0.0.1:1/app", "source-user=from-file", "source-password=s3cret",
                "target=jdbc:mariadb://127.0.0.1:" + ServerDirs.freePort() + "/app", "target-user=t", "tables=app.*"));
        Result result = run("run", "--config", config.toString(), "--source-user", "from-flag");
        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("Cannot reach the target database").doesNotContain("s3cret");
    }

    @Test
    void aBadColumnMappingRuleNamesTheFlagAndTheFix() {
        Result result = run("run", "--source", "jdbc:mariadb://127.0.0.1:1/app", "--source-user", "u",
                "--target", "jdbc:postgresql://127.0.0.1:1/app", "--target-user", "u", "--tables", "app.*",
                "--column-mapping", "app.t.c frobnicate");
        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).startsWith("lagzero: --column-mapping: rule 'app.t.c frobnicate'").contains("Fix:");
    }

    @Test
    void verifyTakesTheSameConnectionOptionsAndConfigFileAsRun() throws Exception {
        Result missing = run("verify", "--target", "jdbc:postgresql://127.0.0.1:5432/app", "--target-user", "u", "--tables", "app.*");
        assertThat(missing.code).isEqualTo(2);
        assertThat(missing.err).contains("lagzero: --source is missing. Fix: give the source JDBC URL");

        Path config = dir.resolve("verify.properties");
        Files.writeString(config, String.join("\n",
                "source=jdbc:mariadb://127.0.0.1:" + ServerDirs.freePort() + "/app", "source-user=u", "source-password=s3cret",
                "target=jdbc:mariadb://127.0.0.1:1/app", "target-user=t", "tables=app.*", "chunk-size=500"));
        Result unreachable = run("verify", "--config", config.toString());
        assertThat(unreachable.code).isEqualTo(2);
        assertThat(unreachable.err).startsWith("lagzero: Cannot reach the source database").doesNotContain("s3cret");
    }

    @Test
    void theEmbeddedBrokersOptionsAreFlagsAndConfigKeys() throws Exception {
        Path config = dir.resolve("broker.properties");
        Files.writeString(config, String.join("\n",
                "source=jdbc:mariadb://127.0.0.1:1/app", "source-user=u", "tables=app.*", "target-user=t",
                "target=jdbc:mariadb://127.0.0.1:" + ServerDirs.freePort() + "/app", "broker-port=0", "broker-retention=forever"));
        Result fromFile = run("run", "--config", config.toString());
        assertThat(fromFile.err).as("known keys; the run gets as far as the target").startsWith("lagzero: Cannot reach the target");

        Result flags = run("run", "--config", config.toString(), "--broker-port", "9999", "--broker-retention", "36h");
        assertThat(flags.err).startsWith("lagzero: Cannot reach the target");

        Result badRetention = run("run", "--config", config.toString(), "--broker-retention", "0s");
        assertThat(badRetention.code).isEqualTo(2);
        assertThat(badRetention.err).contains("--broker-retention").contains("write e.g. 7d, 36h or forever").doesNotContain("\tat ");

        Result badPort = run("run", "--config", config.toString(), "--broker-port", "70000");
        assertThat(badPort.code).isEqualTo(2);
        assertThat(badPort.err).startsWith("lagzero: --broker-port 70000 is out of range. Fix:");
    }

    /** This module's tests run without the demo module, as bin/lagzero runs everything but the demo. */
    @Test
    void withoutTheDemoModuleTheDemoIsOneLineWithTheFix() {
        Result result = run("demo", "--rows", "1000", "--help");
        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).isEqualTo("lagzero demo: not on this lagzero's classpath (a module of its own). Fix: run bin/lagzero demo from a lagzero "
                + "checkout, which builds the demo module (demo/) on first use" + System.lineSeparator());

        StringWriter out = new StringWriter();
        assertThat(Lagzero.execute(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)))
                .isZero();
        assertThat(out.toString()).as("bin/lagzero demo runs it: it is listed all the same")
                .containsPattern("(?m)^\\s+demo\\s+Runs a zero-downtime migration on sandbox servers");
    }

    @Test
    void anUnreadableConfigFileSaysSo() {
        Result result = run("run", "--config", dir.resolve("missing.properties").toString());
        assertThat(result.code).isEqualTo(2);
        assertThat(result.err).contains("Cannot read --config").contains("missing.properties");
    }

    private static Result run(String... args) {
        StringWriter err = new StringWriter();
        int code = Lagzero.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        return new Result(code, err.toString());
    }

    private record Result(int code, String err) {
    }
}
