package io.heraldo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house rules of docs/architecture.md, checked on the compiled main classes: the top-level packages depend in one
 * direction (platform is the ground; adapters at the top), never in a cycle, no class grows past 400 lines, and
 * names say what a class is.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.heraldo");
    }

    @Test
    void theTopLevelPackagesAreFreeOfCycles() {
        slices().matching("io.heraldo.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void packagesDependInOneDirection() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("platform").definedBy("io.heraldo.platform..")
                .layer("event").definedBy("io.heraldo.event..")
                .layer("status").definedBy("io.heraldo.status..")
                .layer("audience").definedBy("io.heraldo.audience..")
                .layer("site").definedBy("io.heraldo.site..")
                .layer("channel").definedBy("io.heraldo.channel..")
                .layer("fanout").definedBy("io.heraldo.fanout..")
                .layer("adapters").definedBy("io.heraldo.intake..", "io.heraldo.inbox..", "io.heraldo.admin..",
                        "io.heraldo.console..", "io.heraldo.integrations..")
                .whereLayer("adapters").mayNotBeAccessedByAnyLayer()
                .whereLayer("fanout").mayOnlyBeAccessedByLayers("adapters")
                .whereLayer("channel").mayOnlyBeAccessedByLayers("fanout", "adapters")
                .whereLayer("site").mayOnlyBeAccessedByLayers("channel", "fanout", "adapters")
                .whereLayer("audience").mayOnlyBeAccessedByLayers("site", "channel", "fanout", "adapters")
                .whereLayer("status").mayOnlyBeAccessedByLayers("site", "channel", "fanout", "adapters")
                .whereLayer("event").mayOnlyBeAccessedByLayers("status", "audience", "site", "channel", "fanout",
                        "adapters")
                .check(classes);
    }

    @Test
    void platformIsTheGroundAndImportsNoneOfTheOthers() {
        noClasses().that().resideInAPackage("io.heraldo.platform..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.heraldo.platform..", "java..", "javax..",
                        "jakarta..", "org..", "com..", "io.quarkus..", "io.smallrye..", "io.vertx..", "io.micrometer..",
                        "io.opentelemetry..", "io.zonky..", "kafka..", "io.netty..")
                .check(classes);
    }

    @Test
    void everyJaxRsResourceEndsInResource() {
        classes().that().areAnnotatedWith("jakarta.ws.rs.Path").should().haveSimpleNameEndingWith("Resource").check(classes);
    }

    @Test
    void noClassIsNamedManagerHelperOrUtil() {
        noClasses().should().haveSimpleNameEndingWith("Manager").orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                .check(classes);
    }

    @Test
    void noMainClassIsOver400Lines() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> tooLong = sources.filter(path -> path.toString().endsWith(".java")).filter(path -> {
                try {
                    return Files.readAllLines(path).size() > 400;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
            assertThat(tooLong).as("classes over 400 lines: each is two classes waiting to be split").isEmpty();
        }
    }
}
