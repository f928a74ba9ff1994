package dev.resilience.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout the code promises: a Spring-free runtime under a thin Spring layer, no package
 * cycles, and one reader of the starter's properties.
 */
class ArchitectureTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.resilience");

	@Test
	void runtimePackagesImportNoSpring() {
		noClasses().that()
			.resideInAnyPackage("dev.resilience.supervisor..", "dev.resilience.worker..", "dev.resilience.alarm..",
					"dev.resilience.check..", "dev.resilience.metrics..", "dev.resilience.event..",
					"dev.resilience.runtime..", "dev.resilience.tree..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..")
			.check(MAIN);
	}

	@Test
	void noPackageCycles() {
		slices().matching("dev.resilience.(**)").should().beFreeOfCycles().check(MAIN);
	}

	/** The resolver is {@code ResilienceSettingsResolver} with its helper for workers, and PropertyKeys, which reads
	 * only its type, to name the keys known next to a mistyped one. */
	@Test
	void onlyTheResolverAndAutoConfigurationsReadTheProperties() {
		noClasses().that()
			.doNotHaveSimpleName("ResilienceSettingsResolver")
			.and()
			.doNotHaveSimpleName("WorkerResolution")
			.and()
			.doNotHaveSimpleName("PropertyKeys")
			.and()
			.haveSimpleNameNotEndingWith("AutoConfiguration")
			.and()
			.haveSimpleNameNotEndingWith("Properties")
			.should()
			.dependOnClassesThat()
			.haveSimpleName("ResilienceProperties")
			.check(MAIN);
	}

}
