package dev.chargestorm.steadystate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The module's architecture rules (ChargeStorm conventions, "Enforcement"). */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chargestorm.steadystate");
    private static final JavaClasses ALL = new ClassFileImporter().importPackages("dev.chargestorm.steadystate");

    @Test
    void packages_are_free_of_cycles() {
        slices().matching("dev.chargestorm.steadystate.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void only_the_cli_writes_to_standard_streams() {
        noClasses().that().resideOutsideOfPackage("..cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(MAIN);
    }

    @Test
    void nothing_sleeps() {
        noClasses().should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
                .check(ALL);
    }

    @Test
    void tests_use_assertj_not_junit_assertions() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.junit.jupiter.api.Assertions")
                .check(ALL);
    }

    @Test
    void model_depends_on_nothing_else_in_the_module() {
        noClasses().that().resideInAPackage("..steadystate.slo..")
                .should().dependOnClassesThat().resideInAnyPackage("..steadystate.yaml..", "..steadystate.run..",
                        "..steadystate.report..", "..steadystate.sli..", "..steadystate.evaluation..")
                .check(MAIN);
    }
}
