package io.lagzero.connector;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of this module depends on itself through other packages. Every package is its own
 * slice ({@code io.lagzero.(**)}), so a cycle through a parent package counts as well. To guard
 * another module, copy this class and change {@link #MODULE}.
 */
class PackageCyclesTest {
    private static final String MODULE = "io.lagzero.connector";

    @Test
    void packagesAreFreeOfCycles() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(MODULE);
        slices().matching("io.lagzero.(**)").should().beFreeOfCycles().check(classes);
    }
}
