package dev.dl4jlab;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages follow the pipeline, and a package only uses packages to its left:
 * config → data → model → train → sweep → report | ui | bench | export → cli. The four on one level are independent of each
 * other. The ground ({@code dev.dl4jlab} itself and {@code console}) uses none of them. Inside {@code data} the same rule
 * orders its families: split → batches | fetch → images | idx → table | flowers → data itself (registry, task data,
 * signature), so a file's package says what it serves and the families do not lean on each other.
 */
@Tag("fast")
class ArchitectureTest {
    private static final String ROOT = "dev.dl4jlab";
    /** Left to right; packages on one level may not use each other. */
    static final List<List<String>> LEVELS = List.of(
            List.of("config"), List.of("data"), List.of("model"), List.of("train"), List.of("sweep"),
            List.of("report", "ui", "bench", "export", "serve"), List.of("cli", "spark"));
    private static final List<String> GROUND = List.of(ROOT, ROOT + ".console");
    /** The data package's families, left to right, by the same rule; "" is {@code dev.dl4jlab.data} itself. */
    static final List<List<String>> DATA_LEVELS = List.of(
            List.of("split"), List.of("batches", "fetch"), List.of("images", "idx"), List.of("table", "flowers"), List.of(""));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyMainPackageHasAPlaceInTheOrder() {
        List<String> known = new ArrayList<>(GROUND);
        LEVELS.forEach(level -> level.forEach(p -> known.add(ROOT + "." + p)));
        DATA_LEVELS.forEach(level -> level.forEach(p -> known.add(dataPackage(p))));
        List<String> unplaced = MAIN.stream().map(JavaClass::getPackageName).distinct().filter(p -> !known.contains(p)).sorted().toList();
        assertEquals(List.of(), unplaced, "packages missing from ArchitectureTest.LEVELS");
    }

    @Test
    void noPackageUsesOneToItsRightOrBesideIt() {
        for (int i = 0; i < LEVELS.size(); i++) {
            for (String pkg : LEVELS.get(i)) {
                List<String> forbidden = new ArrayList<>();
                for (int j = i; j < LEVELS.size(); j++) {
                    LEVELS.get(j).stream().filter(other -> !other.equals(pkg)).forEach(other -> forbidden.add(ROOT + "." + other + ".."));
                }
                if (forbidden.isEmpty()) {
                    continue;
                }
                ArchRule rule = noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                        .because(pkg + " comes before " + forbidden + " in config → data → model → train → sweep → report/ui/bench/export → cli/spark")
                        .allowEmptyShould(true);   // spark exists only in a -Pspark build
                rule.check(MAIN);
            }
        }
    }

    @Test
    void noDataFamilyUsesOneToItsRightOrBesideIt() {
        for (int i = 0; i < DATA_LEVELS.size(); i++) {
            for (String family : DATA_LEVELS.get(i)) {
                List<String> forbidden = new ArrayList<>();
                for (int j = i; j < DATA_LEVELS.size(); j++) {
                    DATA_LEVELS.get(j).stream().filter(other -> !other.equals(family)).forEach(other -> forbidden.add(dataPackage(other)));
                }
                if (forbidden.isEmpty()) {
                    continue;
                }
                noClasses().that().resideInAPackage(dataPackage(family))
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                        .because(dataPackage(family) + " comes before " + forbidden + " in data's split → batches/fetch → images/idx → table/flowers → data")
                        .check(MAIN);
            }
        }
    }

    private static String dataPackage(String family) {
        return ROOT + ".data" + (family.isEmpty() ? "" : "." + family);
    }

    @Test
    void theGroundUsesNoPipelinePackage() {
        String[] pipeline = LEVELS.stream().flatMap(List::stream).map(p -> ROOT + "." + p + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(GROUND.toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage(pipeline)
                .because("UserError, Json, Utf8Text, Timestamps, FileTrees and console serve every package")
                .check(MAIN);
    }

    /** {@code mvn verify -Dgroups=fast} runs the unit tests alone; every test class must say which kind it is. */
    @Test
    void everyTestClassIsTaggedFastOrSlow() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages(ROOT);
        List<String> untagged = tests.stream()
                .filter(c -> c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(Test.class)
                        || m.isAnnotatedWith("org.junit.jupiter.params.ParameterizedTest")))
                .filter(c -> Stream.of("fast", "slow").noneMatch(tag -> c.isAnnotatedWith(Tag.class)
                        && c.getAnnotationOfType(Tag.class).value().equals(tag)))
                .map(JavaClass::getName).sorted().toList();
        assertTrue(untagged.isEmpty(), "test classes without @Tag(\"fast\") or @Tag(\"slow\"): " + untagged);
    }
}
