package dev.dl4jlab.sweep;

import dev.dl4jlab.UserError;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a sweep folder for as long as one {@code lab sweep} works in it: two processes appending to one
 * journal and one best model corrupt both. The operating system releases it when the process ends, however it ends.
 */
final class SweepLock implements AutoCloseable {
    static final String FILE = ".lock";
    private final FileChannel channel;
    private final FileLock lock;

    private SweepLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the folder's lock, or says in one line that another sweep holds it. */
    static SweepLock acquire(Path folder) {
        FileChannel channel;
        try {
            channel = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UserError(folder + ": cannot lock the sweep folder: " + e.getMessage());
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;   // held by this process already
        } catch (IOException e) {
            close(channel);
            throw new UserError(folder + ": cannot lock the sweep folder: " + e.getMessage());
        }
        if (lock == null) {
            close(channel);
            throw new UserError(folder + ": another lab sweep is working in this folder; wait for it to finish "
                    + "(then lab sweep --resume finishes what is left)");
        }
        return new SweepLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close releases it too
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
