package dev.chargestorm.sut;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The conventions of ChargeStorm's STYLE.md that a build can check. */
class ArchitectureTest {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.chargestorm.sut");

	private static final JavaClasses ALL = new ClassFileImporter().importPackages("dev.chargestorm.sut");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.chargestorm.sut.(**)").should().beFreeOfCycles().check(MAIN);
	}

	@Test
	void nothingSleeps() {
		noClasses().should()
			.callMethod(Thread.class, "sleep", long.class)
			.orShould()
			.callMethod(Thread.class, "sleep", long.class, int.class)
			.because("waits use schedulers in code and Awaitility in tests")
			.check(ALL);
	}

	@Test
	void productionCodeLogsInsteadOfPrinting() {
		noClasses().that()
			.doNotHaveSimpleName("SeedCommand")
			.should()
			.accessField(System.class, "out")
			.orShould()
			.accessField(System.class, "err")
			.orShould()
			.callMethod(Throwable.class, "printStackTrace")
			.because("only command-line entry points print (their output is the user interface)")
			.check(MAIN);
	}

	@Test
	void testsUseAssertJ() {
		noClasses().should()
			.dependOnClassesThat()
			.haveFullyQualifiedName("org.junit.jupiter.api.Assertions")
			.because("AssertJ gives failure messages that show the values")
			.check(ALL);
	}

	@Test
	void streamsUseToList() {
		noClasses().should()
			.callMethod(java.util.stream.Collectors.class, "toList")
			.because("Stream.toList() is shorter and unmodifiable")
			.check(MAIN);
	}

}
