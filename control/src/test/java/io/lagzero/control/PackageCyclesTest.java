package io.lagzero.control;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * No package of {@code lagzero} (the command) depends on itself through other packages: {@code cli}
 * and {@code health} are what the commands share, and no command package imports another's
 * internals in a circle.
 */
class PackageCyclesTest {
    private static final ArchRule NO_CYCLES = slices().matching("io.lagzero.(**)").should().beFreeOfCycles();

    @Test
    void packagesAreFreeOfCycles() {
        NO_CYCLES.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.lagzero.control"));
    }

    @Test
    void aPlantedCycleFails() {
        JavaClasses planted = new ClassFileImporter().importPackages("io.lagzero.control.plantedcycle");
        assertThatThrownBy(() -> NO_CYCLES.check(planted)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }
}
