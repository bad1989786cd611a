package dev.dl4jlab.export;

import dev.dl4jlab.DiskFull;
import dev.dl4jlab.FileTrees;
import dev.dl4jlab.Shutdown;
import dev.dl4jlab.UserError;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.UUID;

/** {@code lab export --format onnx}: a run folder's model as one self-contained .onnx file. */
public final class OnnxExport {
    public static final String ENDING = ".onnx";

    private OnnxExport() {
    }

    /** Fails unless {@code file} can be the name of the file to write: ends in .onnx and is no folder. */
    public static void requireTarget(Path file, String option) {
        if (file.getFileName() == null || !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ENDING)) {
            throw new UserError(option + " must name a " + ENDING + " file, got " + file);
        }
        if (Files.isDirectory(file)) {
            throw new UserError(file + ": is a folder; give " + option + " a file name ending in " + ENDING);
        }
    }

    /**
     * Writes the model of {@code run} (the ND4J backend started) to {@code file}, whole or not at all: into a hidden part
     * file in its folder, renamed over it at the end. Returns what the file takes and gives.
     */
    public static String write(Path run, Path file) {
        ExportedModel model = ExportedModel.read(run);
        byte[] bytes = OnnxGraph.bytes(model);
        Path folder = file.toAbsolutePath().getParent();
        FileTrees.createDirectories(folder);
        // a short name of its own, not "." + name + ".part", which is too long where a 250-byte name is not; not
        // Files.createTempFile either, whose owner-only permissions the renamed file would keep
        Path part = folder.resolve(".lab-export-" + UUID.randomUUID() + ".part");
        try (Shutdown.Cleanup stopped = Shutdown.onShutdown(() -> part.toFile().delete())) {   // Ctrl-C mid-write
            Files.write(part, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write: " + reason(e), e);
        } finally {
            part.toFile().delete();
        }
        return model.description();
    }

    /** The system's reason alone: Java's exceptions for files repeat the path, or give nothing else. */
    private static String reason(IOException e) {
        if (DiskFull.cause(e) != null) {
            return DiskFull.describe(DiskFull.cause(e)) + "; free some space or write somewhere else";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e instanceof FileSystemException ? e.getClass().getSimpleName() : e.getMessage();
    }
}
