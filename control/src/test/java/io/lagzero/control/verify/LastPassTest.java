package io.lagzero.control.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code last-pass.json}: every finished pass replaces the one before, whatever it found. */
class LastPassTest {
    @TempDir
    Path stateDir;

    @Test
    void aPassWithDifferencesReplacesTheCleanOneBeforeIt() throws Exception {
        Files.writeString(stateDir.resolve(LastPass.FORMER_FILE), "{}");
        Instant clean = Instant.parse("2026-01-01T10:00:00Z");
        VerifyResults.recordPass(stateDir, clean, VerifyResults.match("app.items", 1030));
        assertThat(LastPass.read(stateDir)).hasValueSatisfying(pass -> assertThat(pass.clean()).isTrue());
        assertThat(stateDir.resolve(LastPass.FORMER_FILE)).doesNotExist();

        Instant different = clean.plusSeconds(60);
        VerifyResults.recordPass(stateDir, different, VerifyResults.missing("app.items", 1030, 1),
                VerifyResults.problem("app.users", "no primary key"));

        LastPass pass = LastPass.read(stateDir).orElseThrow();
        assertThat(pass.clean()).isFalse();
        assertThat(pass.finishedAt()).isEqualTo(different);
        assertThat(pass.startedAt()).isEqualTo(different.minusSeconds(30));
        assertThat(pass.rows()).isEqualTo(1030);
        assertThat(pass.tableNames()).containsExactly("app.items", "app.users");
        assertThat(pass.tables("different")).containsExactly("app.items");
        assertThat(pass.tables("error")).containsExactly("app.users");
        assertThat(pass.tables().get(0)).isEqualTo(new LastPass.Table("app.items", "different", 1030, 1, 0, 0, null));
        assertThat(pass.tables().get(1).problem()).isEqualTo("no primary key");
    }

    @Test
    void noPassYetIsEmpty() {
        assertThat(LastPass.read(stateDir)).isEmpty();
    }
}
