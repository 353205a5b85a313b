package dev.chargestorm.fleet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module's architecture rules (production classes only). */
@AnalyzeClasses(packages = "dev.chargestorm.fleet", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.chargestorm.fleet.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlyTheAdapterKnowsSteadyState = noClasses().that()
            .resideOutsideOfPackage("..fleet.steadystate..")
            .should().dependOnClassesThat().resideInAPackage("dev.chargestorm.steadystate..")
            .because("the steady-state module is an optional dependency");

    @ArchTest
    static final ArchRule chargersDoNotKnowTheCli = noClasses().that().resideOutsideOfPackage("..fleet.cli..")
            .should().dependOnClassesThat().resideInAPackage("..fleet.cli..");

    @ArchTest
    static final ArchRule nobodySleeps = noClasses()
            .should().callMethod(Thread.class, "sleep", long.class)
            .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
            .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
            .because("delays are scheduled on the event loop, never slept");

    @ArchTest
    static final ArchRule onlyTheCliPrints = noClasses().that().resideOutsideOfPackage("..fleet.cli..")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("libraries log through SLF4J; only the CLI writes to the console");

    @ArchTest
    static final ArchRule caseConversionNamesItsLocale = noClasses()
            .should().callMethod(String.class, "toLowerCase")
            .orShould().callMethod(String.class, "toUpperCase")
            .because("the default locale changes what case conversion does (Turkish i); pass Locale.ROOT");

    @ArchTest
    static final ArchRule noCollectorsToList = noClasses()
            .should().callMethod(java.util.stream.Collectors.class, "toList")
            .because("Stream.toList() is shorter and unmodifiable");

    @ArchTest
    static final ArchRule noSpring = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..");
}
