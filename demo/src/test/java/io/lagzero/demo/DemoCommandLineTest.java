package io.lagzero.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.lagzero.control.Lagzero;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** With this module on the classpath, {@code lagzero demo} is a command like the others. */
class DemoCommandLineTest {
    @Test
    void lagzeroListsTheDemo() {
        StringWriter out = new StringWriter();
        assertThat(Lagzero.execute(new String[] {"--help"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)))
                .isZero();
        assertThat(out.toString()).containsPattern("(?m)^\\s+demo\\s+Runs a zero-downtime migration on sandbox servers");
    }

    @Test
    void theDemoHasItsOptionsAndTheTargetIsCaseInsensitive() {
        StringWriter out = new StringWriter();
        assertThat(Lagzero.execute(new String[] {"demo", "--help"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true))).isZero();
        assertThat(out.toString()).contains("--rows", "--target", "--writes-per-sec", "--duration", "--batch-size");

        StringWriter err = new StringWriter();
        int code = Lagzero.execute(new String[] {"demo", "--target", "oracle"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--target").contains("oracle").contains("lagzero demo --help");
    }
}
