package dev.dl4jlab.spark;

import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.PruningConfig;
import dev.dl4jlab.sweep.Pruner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 23: the driver's pruning endpoint over a real socket: the driver's pruner decides, a stranger is refused. */
@Tag("fast")
class PrunerEndpointTest {

    @Test
    void anExecutorGetsTheDriversDecisionsAndAStrangerIsRefused() throws Exception {
        Pruner driver = Pruner.of(PruningConfig.asha(2, 1), Metric.LOSS, 8);
        try (PrunerEndpoint endpoint = new PrunerEndpoint(driver, "127.0.0.1", "127.0.0.1")) {
            Pruner executor = endpoint.remote().on(Pruner.of(PruningConfig.asha(2, 1), Metric.LOSS, 8));
            assertTrue(executor.checks(4));
            assertNull(executor.report("a", 1, 0.5));
            Pruner.Pruned pruned = executor.report("b", 1, 0.7);
            assertEquals("pruned at epoch 1: rank 2 of 2 at that rung", pruned.reason());
            assertEquals(0.7, pruned.value());
            assertEquals("pruned at epoch 1: rank 3 of 3 at that rung", driver.report("c", 1, 0.9).reason(),
                    "the executors' reports are in the driver's rung table");

            HttpResponse<String> stranger = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(endpoint.remote().url()))
                    .POST(HttpRequest.BodyPublishers.ofString("guess\nd\n1\n0.1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, stranger.statusCode());
            Pruner wrongToken = new PrunerEndpoint.Remote(endpoint.remote().url(), "guess").on(driver);
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> wrongToken.report("d", 1, 0.1));
            assertEquals(endpoint.remote().url() + " answered 403 to a pruning report", refused.getMessage());
        }
    }
}
