package org.flowlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package structure, measured from the compiled code.
 *
 * <p>The model is layered, from the bottom: {@code compute} and {@code math} (tensors, engine,
 * special functions); {@code lattice} (targets) and {@code io} (array files, atomic writes);
 * {@code observe} (observables, estimators, exact results); {@code flow} (bijections, priors,
 * networks); {@code mcmc} (HMC, independence Metropolis); {@code train} (losses, trainer, data);
 * {@code spec} (the catalogue of theories, flows and losses, run specs); {@code store} (saved
 * runs); {@code anneal} (chains of flows, free energies, transfer of saved flows to other volumes);
 * {@code bench} (workloads). A layer may use any layer below it, never one above. The app
 * sits on top and the model never sees it.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.flowlab");

    @Test
    void modelDoesNotDependOnTheApp() {
        noClasses()
                .that()
                .resideInAPackage("org.flowlab.model..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.flowlab.app..")
                .check(CLASSES);
    }

    @Test
    void modelDoesNotDependOnUiLibraries() {
        noClasses()
                .that()
                .resideInAPackage("org.flowlab.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx..", "org.controlsfx..", "org.jfree..", "atlantafx..", "org.testfx..",
                        "java.awt..", "javax.swing..")
                .check(CLASSES);
    }

    @Test
    void modelPackagesAreFreeOfCycles() {
        slices().matching("org.flowlab.model.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void appPackagesAreFreeOfCycles() {
        slices().matching("org.flowlab.app.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyComputeTouchesThePyTorchEngineClasses() {
        noClasses()
                .that()
                .resideInAPackage("org.flowlab..")
                .and()
                .resideOutsideOfPackage("org.flowlab.model.compute..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ai.djl.pytorch..")
                .check(CLASSES);
    }

    @Test
    void modelLayersOnlyUseTheLayersBelow() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("bench").definedBy("org.flowlab.model.bench..")
                .layer("anneal").definedBy("org.flowlab.model.anneal..")
                .layer("store").definedBy("org.flowlab.model.store..")
                .layer("spec").definedBy("org.flowlab.model.spec..")
                .layer("train").definedBy("org.flowlab.model.train..")
                .layer("mcmc").definedBy("org.flowlab.model.mcmc..")
                .layer("flow").definedBy("org.flowlab.model.flow..")
                .layer("observe").definedBy("org.flowlab.model.observe..")
                .layer("lattice").definedBy("org.flowlab.model.lattice..")
                .layer("io").definedBy("org.flowlab.model.io..")
                .layer("base").definedBy("org.flowlab.model.compute..", "org.flowlab.model.math..")
                .layer("app").definedBy("org.flowlab.app..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayOnlyBeAccessedByLayers("app")
                .whereLayer("anneal").mayOnlyBeAccessedByLayers("bench", "app")
                .whereLayer("store").mayOnlyBeAccessedByLayers("anneal", "bench", "app")
                .whereLayer("spec").mayOnlyBeAccessedByLayers("store", "anneal", "bench", "app")
                .whereLayer("train").mayOnlyBeAccessedByLayers("spec", "store", "anneal", "bench", "app")
                .whereLayer("mcmc").mayOnlyBeAccessedByLayers("train", "spec", "store", "anneal", "bench", "app")
                .whereLayer("flow")
                .mayOnlyBeAccessedByLayers("mcmc", "train", "spec", "store", "anneal", "bench", "app")
                .whereLayer("observe")
                .mayOnlyBeAccessedByLayers("flow", "mcmc", "train", "spec", "store", "anneal", "bench", "app")
                .whereLayer("lattice")
                .mayOnlyBeAccessedByLayers(
                        "observe", "flow", "mcmc", "train", "spec", "store", "anneal", "bench", "app")
                .whereLayer("io")
                .mayOnlyBeAccessedByLayers(
                        "lattice", "observe", "flow", "mcmc", "train", "spec", "store", "anneal", "bench", "app")
                .check(CLASSES);
    }
}
