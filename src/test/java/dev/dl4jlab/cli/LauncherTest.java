package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20 (6): a symlink to {@code lab} on PATH ran Maven in the symlink's folder. The real launcher script runs here
 * through a symlink, from a project folder laid out as a build leaves it (the jar newer than the sources, so the
 * launcher does not build): a jar of the compiled classes, and the test class path's jars as target/lib.
 */
@Tag("fast")
class LauncherTest {
    @TempDir
    Path work;

    @Test
    void aSymlinkToTheLauncherRunsTheProjectItPointsTo() throws Exception {
        Path project = project();
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("lab"), project.resolve("lab"));
        String output = version(bin.resolve("lab"));
        assertTrue(!output.contains("building"), "the jar is up to date: no build: " + output);
    }

    /**
     * Issue 24: class-data sharing. A run lists the classes it loads into a file of its own; the next launch, that run
     * having exited, takes the list and archives it in the background; once the archive is in place, runs map it
     * ({@code -Xshare:on} fails the JVM's start if it cannot). Nothing of it reaches the terminal. (The launcher
     * archives lists of a training's size; {@code LAB_CDS_MIN_CLASSES} lets {@code lab --version}'s list count.)
     */
    @Test
    void aRunsClassesAreArchivedForTheNextRuns() throws Exception {
        Path project = project();
        Path target = project.resolve("target");
        Map<String, String> env = Map.of("LAB_CDS_MIN_CLASSES", "1000");
        assertEquals("dl4j-lab ", version(project.resolve("lab"), "", env).substring(0, 9));
        List<String> listed = names(target);
        assertTrue(listed.stream().anyMatch(n -> n.matches("lab-\\d+\\.classlist\\.\\d+")), "the first run's own list: " + listed);
        String second = version(project.resolve("lab"), "", env);
        assertTrue(second.startsWith("dl4j-lab ") && second.lines().count() == 1, "no CDS messages: " + second);
        assertTrue(names(target).stream().anyMatch(n -> n.matches("lab-\\d+\\.classlist")), "list taken: " + names(target));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (names(target).stream().noneMatch(n -> n.matches("lab-\\d+\\.jsa")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<String> archived = names(target);
        assertTrue(archived.stream().anyMatch(n -> n.matches("lab-\\d+\\.jsa")), "archived in the background: " + archived);
        assertTrue(archived.stream().noneMatch(n -> n.contains(".jsa.") || n.endsWith(".nocds")), "no part left, no failure: " + archived);
        String mapped = version(project.resolve("lab"), "", Map.of("LAB_JAVA_OPTS", "-Xmx256m -Xshare:on"));
        assertTrue(mapped.startsWith("dl4j-lab ") && mapped.lines().count() == 1, "the archive maps, silently: " + mapped);
    }

    /**
     * Issue 26: a stale jar makes the launcher build with Maven, whose Jansi wrote four colour resets (ESC[0m) even
     * with -q -B and colour off. A real (offline) Maven build of a pom-only project, then the run.
     */
    @Test
    void theBuildPrintsNoEscapeCodes() throws Exception {
        Path project = project();
        Files.writeString(project.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId>"
                + "<artifactId>t</artifactId><version>1</version><packaging>pom</packaging></project>");   // newer than the jar
        String output = version(project.resolve("lab"), "-o");
        assertTrue(output.startsWith("lab: building"), output);
        assertTrue(!output.contains("\u001b"), "no escape codes: " + output.replace("\u001b", "ESC"));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** `lab --version` through {@code launcher}; its output, after checking it exited 0. */
    private String version(Path launcher) throws Exception {
        return version(launcher, "");
    }

    /** The same, a build (when the jar is stale) given {@code mavenArgs}. */
    private String version(Path launcher, String mavenArgs) throws Exception {
        return version(launcher, mavenArgs, Map.of());
    }

    /** The same, with {@code env} added to (or replacing) the launcher's environment. */
    private String version(Path launcher, String mavenArgs, Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(work, "lab", ".log");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--version").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LAB_JAVA_OPTS", "-Xmx256m");
        builder.environment().put("LAB_MAVEN_ARGS", mavenArgs);
        builder.environment().remove("LAB_NO_CDS");
        builder.environment().putAll(env);
        Process lab = builder.start();
        assertTrue(lab.waitFor(120, TimeUnit.SECONDS), "lab --version finished");
        String output = Files.readString(log);
        assertEquals(0, lab.exitValue(), output);
        assertTrue(output.contains("dl4j-lab "), output);
        return output;
    }

    /** A project folder laid out as a build leaves it, with the real launcher. */
    private Path project() throws IOException {
        Path project = Files.createDirectories(work.resolve("project"));
        Files.copy(Path.of("lab"), project.resolve("lab"));
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(Files.createDirectories(project.resolve("src/main")), old);
        Files.setLastModifiedTime(Files.writeString(project.resolve("pom.xml"), "<project/>"), old);
        Path lib = Files.createDirectories(project.resolve("target/lib"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath();
            if (Files.isDirectory(path) && path.endsWith("classes")) {
                jar(path, project.resolve("target/dl4j-lab.jar"));
            } else if (entry.endsWith(".jar")) {
                Files.createSymbolicLink(lib.resolve(path.getFileName()), path);
            }
        }
        return project;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (var out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }
}
