package dev.dl4jlab.data.fetch;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One fetch into a dataset folder at a time: two labs started together on a fresh machine (two terminals, or test
 * JVMs in parallel forks) would otherwise write the same {@code .part} files. The second waits, saying so, and then
 * finds the files the first installed. An OS file lock on {@value #FILE} (released by the OS if a lab dies), plus a
 * lock per folder inside this JVM, where file locks do not exclude each other's threads. The lock file stays: deleting
 * it would let a waiting lab hold a lock on a file nobody else sees.
 */
public final class FetchLock implements AutoCloseable {
    static final String FILE = ".fetch.lock";
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private FetchLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits until no other lab fetches into {@code dir} (an existing folder), then holds it until {@link #close()}. */
    public static FetchLock hold(Path dir, ProgressLine progress) {
        Path file = dir.resolve(FILE).toAbsolutePath().normalize();
        ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file, f -> new ReentrantLock());
        boolean waited = !local.tryLock();
        if (waited) {
            progress.done("waiting for another fetch into " + dir + " to finish");
            local.lock();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                if (!waited) {
                    progress.done("waiting for another lab fetching into " + dir + " to finish");
                }
                lock = channel.lock();
            }
            return new FetchLock(local, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            local.unlock();
            throw new UserError(file + ": cannot lock the dataset folder for fetching (" + FileFetcher.describe(e) + ")");
        } catch (RuntimeException e) {
            closeQuietly(channel);
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        } finally {
            closeQuietly(channel);
            local.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held any more
            }
        }
    }
}
