package io.lagzero.sink.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lagzero.sink.mapping.ColumnMapping;
import io.lagzero.sink.naming.TableNameFormat;
import org.junit.jupiter.api.Test;

class TargetSettingsTest {
    @Test
    void defaultsAndMasksThePassword() {
        TargetSettings settings = new TargetSettings("jdbc:postgresql://h:5432/app?password=secret", "u", "pw");

        assertThat(settings.maxBatchRows()).isEqualTo(TargetSettings.MAX_BATCH_ROWS_DEFAULT);
        assertThat(settings.toString()).doesNotContain("pw").doesNotContain("secret");
        assertThat(new TargetSettings("jdbc:mariadb://h:3306/app", "u", null).password()).isEmpty();
        assertThat(settings.columnMapping()).isEqualTo(ColumnMapping.EMPTY);
    }

    @Test
    void carriesTheColumnMappingAndShowsItsRules() {
        ColumnMapping mapping = ColumnMapping.parse("shop.events.debug exclude");
        TargetSettings settings = new TargetSettings("jdbc:mariadb://h:3306/app", "u", "p", 10, 1, true,
                SchemaEvolution.BASIC, TableNameFormat.DEFAULT, mapping);

        assertThat(settings.columnMapping()).isSameAs(mapping);
        assertThat(settings.toString()).contains("columnMapping=[shop.events.debug exclude]");
        assertThat(new TargetSettings("jdbc:mariadb://h:3306/app", "u", "p", 10, 1, true, SchemaEvolution.BASIC,
                TableNameFormat.DEFAULT, null).columnMapping().isEmpty()).isTrue();
    }

    @Test
    void rejectsBadValuesNamingTheSettingAndTheFix() {
        assertThatThrownBy(() -> new TargetSettings(" ", "u", "p")).hasMessageStartingWith("jdbcUrl is missing. Fix:");
        assertThatThrownBy(() -> new TargetSettings("jdbc:sqlserver://h", "u", "p")).hasMessageContaining("jdbcUrl")
                .hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> new TargetSettings("jdbc:mariadb://h:3306/", "u", "p"))
                .hasMessageContaining("names no database").hasMessageContaining("jdbc:mariadb://host:3306/app");
        assertThatThrownBy(() -> new TargetSettings("jdbc:mariadb://h:3306/app", "", "p")).hasMessageStartingWith("user");
        assertThatThrownBy(() -> new TargetSettings("jdbc:mariadb://h:3306/app", "u", "p", 0))
                .hasMessageContaining("maxBatchRows is 0. Fix: use 1..65000");
    }
}
