package io.headroom.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The build-checked rule that a module's packages form no cycle: {@code basePackage} and each package below it is
 * one slice, and no slice may reach itself through the others. A module checks itself
 * with one test calling {@link #assertFreeOfCycles(String)}; it needs headroom-core's test jar and
 * {@code archunit-junit5}, both in test scope. Only production classes are imported (tests may cross packages).
 */
public final class PackageCycles {
    private PackageCycles() {}

    /** The rule for every package from {@code basePackage} down; {@code basePackage} like {@code "io.headroom.core"}. */
    public static ArchRule rule(String basePackage) {
        int dot = basePackage.lastIndexOf('.');
        // "io.headroom.(script..)": each package its own slice, the base package included
        String pattern = basePackage.substring(0, dot + 1) + "(" + basePackage.substring(dot + 1) + "..)";
        return slices().matching(pattern).should().beFreeOfCycles()
                .because("packages depend one way only (issue 11); a cycle means a type sits in the wrong package");
    }

    /** The production classes of {@code basePackage} and below, as found on the class path. */
    public static JavaClasses productionClasses(String basePackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(basePackage);
    }

    /** Fails (with every cycle found, class by class) when the packages under {@code basePackage} form a cycle. */
    public static void assertFreeOfCycles(String basePackage) {
        JavaClasses classes = productionClasses(basePackage);
        if (classes.isEmpty()) throw new AssertionError("no production classes found under " + basePackage);
        rule(basePackage).check(classes);
    }
}
