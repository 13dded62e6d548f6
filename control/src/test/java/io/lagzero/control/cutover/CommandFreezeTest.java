package io.lagzero.control.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.control.cli.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandFreezeTest {
    @TempDir
    Path dir;

    @Test
    void freezeAndUnfreezeRunTheOperatorsCommands() {
        Path flag = dir.resolve("frozen");
        SourceFreeze freeze = SourceFreeze.commands("touch '" + flag + "'", "rm '" + flag + "'", Duration.ofSeconds(10));

        freeze.check();
        freeze.freeze();
        assertThat(Files.exists(flag)).isTrue();
        freeze.unfreeze();
        assertThat(Files.exists(flag)).isFalse();
    }

    @Test
    void aFailingOrHangingCommandFailsTheStepWithItsOption() {
        assertThatThrownBy(() -> SourceFreeze.commands("exit 3", "true", Duration.ofSeconds(10)).freeze())
                .isInstanceOf(UserError.class).hasMessageStartingWith("--freeze-command exited with 3");
        assertThatThrownBy(() -> SourceFreeze.commands("true", "sleep 5", Duration.ofMillis(200)).unfreeze())
                .isInstanceOf(UserError.class).hasMessage("--unfreeze-command did not finish within 200 ms");
        assertThatThrownBy(() -> SourceFreeze.commands("true", " ", Duration.ofSeconds(1)).check())
                .isInstanceOf(UserError.class).hasMessageContaining("--freeze-command needs --unfreeze-command");
    }
}
