package dev.chargestorm.chaos;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module's architecture rules (ChargeStorm conventions, "Enforcement"). */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(Path.of("target/classes"));
    private static final JavaClasses ALL = new ClassFileImporter()
            .importPaths(Path.of("target/classes"), Path.of("target/test-classes"));

    @Test
    void theModuleClassesWereImported() {
        assertThat(MAIN.contain("dev.chargestorm.chaos.fault.Faults")).isTrue();
        assertThat(ALL.contain("dev.chargestorm.chaos.ArchitectureTest")).isTrue();
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.chargestorm.chaos.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void experimentsAndFaultsSeeTheRuntimeSpiNeverARuntime() {
        noClasses().that().resideOutsideOfPackage("..chaos.runtime.embedded..")
                .should().dependOnClassesThat().resideInAPackage("..chaos.runtime.embedded..")
                .check(MAIN);
    }

    @Test
    void theTopologyIsPlainValues() {
        noClasses().that().resideInAPackage("..chaos.topology..")
                .should().dependOnClassesThat().resideInAnyPackage("..chaos.runtime..", "..chaos.fault..",
                        "eu.rekawek..", "io.zonky..")
                .check(MAIN);
    }

    @Test
    void otherModulesInternalsAreOffLimits() {
        noClasses().should().dependOnClassesThat(resideInAPackage("..internal..")
                        .and(resideOutsideOfPackage("dev.chargestorm.chaos..")))
                .because("another module's ..internal.. packages are not its API")
                .check(ALL);
    }

    @Test
    void nothingWritesToStandardStreams() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(MAIN);
    }

    @Test
    void nothingSleeps() {
        noClasses().should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
                .check(ALL);
    }

    @Test
    void testsUseAssertjNotJunitAssertions() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.junit.jupiter.api.Assertions")
                .check(ALL);
    }

    @Test
    void noCollectorsToList() {
        noClasses().should().callMethod(Collectors.class, "toList").check(ALL);
    }
}
