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
        Path project = Files.createDirectories(work.resolve("project"));
        Path script = Files.copy(Path.of("lab"), project.resolve("lab"));
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
        Path bin = Files.createDirectories(work.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("lab"), script);

        Path log = work.resolve("lab.log");
        ProcessBuilder builder = new ProcessBuilder(bin.resolve("lab").toString(), "--version").directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LAB_JAVA_OPTS", "-Xmx256m");
        Process lab = builder.start();
        assertTrue(lab.waitFor(120, TimeUnit.SECONDS), "lab --version finished");
        String output = Files.readString(log);
        assertEquals(0, lab.exitValue(), output);
        assertTrue(output.startsWith("dl4j-lab "), output);
        assertTrue(!output.contains("building"), "the jar is up to date: no build: " + output);
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
