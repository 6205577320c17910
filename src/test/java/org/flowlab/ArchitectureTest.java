package org.flowlab;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The model layer never depends on the GUI, JavaFX, ControlsFX or JFreeChart. */
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
                        "javafx..", "org.controlsfx..", "org.jfree..", "atlantafx..", "org.testfx..")
                .check(CLASSES);
    }
}
