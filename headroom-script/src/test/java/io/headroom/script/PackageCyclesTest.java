package io.headroom.script;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The packages of headroom-script form no cycle: the scenario API below, plans above it, the facade on top. */
class PackageCyclesTest {
    private static final JavaClasses SCRIPT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.headroom.script");

    @Test
    void scriptsPackagesFormNoCycle() {
        slices().matching("io.headroom.(script..)").should().beFreeOfCycles().check(SCRIPT);
    }
}
