package io.headroom.testing;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cycle rule itself, on fixture packages (test classes, so imported here without the production-only
 * filter): it catches a two-package cycle naming both packages, and passes packages that depend one way.
 */
class PackageCyclesRuleTest {
    @Test
    void aCycleBetweenTwoPackagesFailsTheRule() {
        var classes = new ClassFileImporter().importPackages("io.headroom.testing.cyclefixture");
        assertThatThrownBy(() -> PackageCycles.rule("io.headroom.testing.cyclefixture").check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("cyclefixture.a").hasMessageContaining("cyclefixture.b");
    }

    @Test
    void packagesThatDependOneWayPass() {
        var classes = new ClassFileImporter().importPackages("io.headroom.testing.acyclicfixture");
        assertThatCode(() -> PackageCycles.rule("io.headroom.testing.acyclicfixture").check(classes)).doesNotThrowAnyException();
    }
}
