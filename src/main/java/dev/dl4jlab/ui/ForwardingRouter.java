package dev.dl4jlab.ui;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;

import java.util.Collection;

/** Passes everything to {@code target}; a collection as its items, one by one, so subclasses override the single forms only. */
abstract class ForwardingRouter implements StatsStorageRouter {
    protected final StatsStorageRouter target;

    ForwardingRouter(StatsStorageRouter target) {
        this.target = target;
    }

    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        target.putStorageMetaData(storageMetaData);
    }

    @Override
    public final void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        storageMetaData.forEach(this::putStorageMetaData);
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        target.putStaticInfo(staticInfo);
    }

    @Override
    public final void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        staticInfo.forEach(this::putStaticInfo);
    }

    @Override
    public void putUpdate(Persistable update) {
        target.putUpdate(update);
    }

    @Override
    public final void putUpdate(Collection<? extends Persistable> updates) {
        updates.forEach(this::putUpdate);
    }
}
