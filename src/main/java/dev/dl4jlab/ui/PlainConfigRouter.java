package dev.dl4jlab.ui;

import dev.dl4jlab.model.PlainNetwork;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.model.stats.impl.SbeStatsInitializationReport;

/**
 * Records the network's configuration as plain DL4J ({@link PlainNetwork}) in the statistics' static report, so the
 * UI's model page names the layer as DL4J does ("Output", not lab's "FusedOutput") and a stats.dl4j opens in DL4J's
 * own UI without lab's classes. Used when recording and when serving stored statistics (those recorded before named
 * the fused layer). The report is edited in place rather than subclassed: the file storage records its class name and
 * makes a new instance of it when reading.
 */
final class PlainConfigRouter extends ForwardingRouter {
    PlainConfigRouter(StatsStorageRouter target) {
        super(target);
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        if (staticInfo instanceof SbeStatsInitializationReport report && report.hasModelInfo()) {
            report.setModelConfigJson(PlainNetwork.json(report.getModelConfigJson()));
        }
        target.putStaticInfo(staticInfo);
    }
}
