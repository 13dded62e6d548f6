package io.lagzero.sink.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SinkConfigDocsTest {
    /** Tests run in sink/; the reference lives at the repository root. */
    private static final Path DOCS = Path.of("..").resolve(SinkConfigDocs.PATH);

    @Test
    void theCommittedReferenceMatchesTheConfigDef() throws IOException {
        if (Boolean.getBoolean("sink.docs.write")) {
            SinkConfigDocs.main(new String[] {DOCS.toString()});
        }
        assertThat(DOCS).exists();
        assertThat(Files.readString(DOCS, StandardCharsets.UTF_8))
                .as("docs/sink-config.md is out of date. Fix: run mvn -B -o -q verify -pl sink -am "
                        + "-Dtest=SinkConfigDocsTest -Dsurefire.failIfNoSpecifiedTests=false -Dsink.docs.write=true, "
                        + "then commit the file")
                .isEqualTo(SinkConfigDocs.markdown());
    }

    @Test
    void everyKeyIsDocumentedWithGroupAndDisplayName() {
        assertThat(LagzeroSinkConfig.CONFIG_DEF.configKeys().values()).allSatisfy(key -> {
            assertThat(key.documentation).isNotBlank();
            assertThat(key.group).isNotBlank();
            assertThat(key.displayName).isNotBlank();
            assertThat(SinkConfigDocs.markdown()).contains("| `" + key.name + "` |");
        });
    }
}
