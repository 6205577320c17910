package org.flowlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The package structure, measured from the compiled code.
 *
 * <p>The model is layered, from the bottom: {@code compute} and {@code math} (tensors, engine,
 * special functions); {@code lattice} (targets) and {@code io} (array files, atomic writes);
 * {@code observe} (observables, estimators, exact results); {@code flow} (bijections, priors,
 * networks); {@code mcmc} (HMC, independence Metropolis); {@code ml} (machine learning from zero:
 * the plain-Java MLP, regression and classification, the convolution demo, which draws its φ⁴
 * configuration with HMC); {@code train} (losses, trainer, data);
 * {@code spec} (the catalogue of theories, flows and losses, run specs); {@code store} (saved
 * runs); {@code scan} (autocorrelation scans, shipped pre-trained flows); {@code anneal} (chains
 * of flows, free energies, volume transfer); {@code bench}
 * (workloads). A layer may use any layer below it, never one above. The app
 * sits on top and the model never sees it.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
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
                        "javafx..",
                        "org.controlsfx..",
                        "org.jfree..",
                        "atlantafx..",
                        "org.testfx..",
                        "java.awt..",
                        "javax.swing..")
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

    /**
     * The model's layers from the top down, each with its packages: a layer may use the layers
     * after it in this list, never one before it. A new model package is one line here.
     */
    private static final List<String[]> LAYERS = List.of(
            new String[] {"bench", "org.flowlab.model.bench.."},
            new String[] {"anneal", "org.flowlab.model.anneal.."},
            new String[] {"scan", "org.flowlab.model.scan.."},
            new String[] {"store", "org.flowlab.model.store.."},
            new String[] {"spec", "org.flowlab.model.spec.."},
            new String[] {"train", "org.flowlab.model.train.."},
            new String[] {"ml", "org.flowlab.model.ml.."},
            new String[] {"mcmc", "org.flowlab.model.mcmc.."},
            new String[] {"flow", "org.flowlab.model.flow.."},
            new String[] {"observe", "org.flowlab.model.observe.."},
            new String[] {"lattice", "org.flowlab.model.lattice.."},
            new String[] {"io", "org.flowlab.model.io.."},
            new String[] {"base", "org.flowlab.model.compute..", "org.flowlab.model.math.."});

    @Test
    void modelLayersOnlyUseTheLayersBelow() {
        LayeredArchitecture rule = layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("app")
                .definedBy("org.flowlab.app..");
        for (String[] layer : LAYERS) {
            rule = rule.layer(layer[0]).definedBy(Arrays.copyOfRange(layer, 1, layer.length));
        }
        rule = rule.whereLayer("app").mayNotBeAccessedByAnyLayer();
        List<String> above = new ArrayList<>(List.of("app"));
        for (String[] layer : LAYERS) {
            rule = rule.whereLayer(layer[0]).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            above.add(layer[0]);
        }
        rule.check(CLASSES);
    }
}
