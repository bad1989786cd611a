package dev.dl4jlab.ui;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;

import java.util.Collection;
import java.util.List;

/** Sends every stats record to several storages: the run's file, and the live UI's memory when --ui is on. */
final class TeeRouter implements StatsStorageRouter {
    private final List<StatsStorageRouter> targets;

    TeeRouter(List<StatsStorageRouter> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        targets.forEach(t -> t.putStorageMetaData(storageMetaData));
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        targets.forEach(t -> t.putStorageMetaData(storageMetaData));
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        targets.forEach(t -> t.putStaticInfo(staticInfo));
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        targets.forEach(t -> t.putStaticInfo(staticInfo));
    }

    @Override
    public void putUpdate(Persistable update) {
        targets.forEach(t -> t.putUpdate(update));
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        targets.forEach(t -> t.putUpdate(updates));
    }
}
