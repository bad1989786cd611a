package dev.dl4jlab.data.split;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs tasks on a few daemon threads and waits for all; a task's runtime exception (a user error) is rethrown as is. */
public final class Workers {
    private Workers() {
    }

    /** One task per range: {@code task.run(from, to)} over {@code 0..n} cut into {@code pieces} ranges, {@code threads} at a time. */
    public static void forRanges(String name, int threads, int n, int pieces, RangeTask task) {
        int count = Math.max(1, Math.min(pieces, n));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, count)), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                int from = (int) ((long) n * p / count);
                int to = (int) ((long) n * (p + 1) / count);
                futures.add(pool.submit(() -> task.run(from, to)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + name, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Work on the items {@code from} to {@code to} (exclusive). */
    public interface RangeTask {
        void run(int from, int to);
    }
}
