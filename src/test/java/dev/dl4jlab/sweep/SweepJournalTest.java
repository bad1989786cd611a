package dev.dl4jlab.sweep;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class SweepJournalTest {
    @TempDir
    Path dir;

    private static CandidateRow row(int candidate, int epochs, CandidateRow.Status status) {
        return new CandidateRow(candidate, "lr=" + candidate, 0.1 * candidate, 0, "100", epochs, status,
                status == CandidateRow.Status.OK ? 0.9 : null, status == CandidateRow.Status.OK ? 0.3 : null, 1.0,
                status == CandidateRow.Status.OK ? null : "why", null);
    }

    /** Issue 10 (6): a line torn by a kill is cut off when the journal opens, so the next row is not glued to it. */
    @Test
    void aTornLastLineIsCutOffAndTheNextRowStandsAlone() throws IOException {
        SweepJournal journal = new SweepJournal(dir);
        journal.append(List.of(row(1, 1, CandidateRow.Status.OK), row(1, 2, CandidateRow.Status.OK)));
        Files.writeString(dir.resolve(SweepJournal.FILE), "{\"candidate\":2,\"key\":\"lr=2\",\"learn", StandardOpenOption.APPEND);

        assertTrue(journal.repair());
        assertFalse(journal.repair(), "nothing left to cut");
        journal.append(List.of(row(2, 1, CandidateRow.Status.OK), row(2, 2, CandidateRow.Status.OK)));
        List<CandidateRow> rows = journal.read();
        assertEquals(4, rows.size());
        assertEquals(List.of(1, 1, 2, 2), rows.stream().map(CandidateRow::candidate).toList());
        assertEquals(2, SweepRunner.finishedCandidates(rows, 2).size(), "candidate 2 is finished after one retry, not retried forever");
    }

    /** Issue 10 (3): rows marked failed (e.g. by two processes clashing over one folder) are retried on resume. */
    @Test
    void failedCandidatesAreRetriedDivergedOnesAreResults() {
        List<CandidateRow> journal = List.of(
                row(1, 1, CandidateRow.Status.OK), row(1, 2, CandidateRow.Status.OK),
                row(2, 1, CandidateRow.Status.FAILED), row(2, 2, CandidateRow.Status.FAILED),
                row(3, 1, CandidateRow.Status.DIVERGED), row(3, 2, CandidateRow.Status.DIVERGED),
                row(4, 1, CandidateRow.Status.FAILED), row(4, 2, CandidateRow.Status.FAILED),
                row(4, 1, CandidateRow.Status.OK), row(4, 2, CandidateRow.Status.OK));
        assertEquals(List.of("lr=1", "lr=3", "lr=4"), List.copyOf(SweepRunner.finishedCandidates(journal, 2).keySet()));
    }

    /**
     * Issue 23: a journal written before l2, optimizer and weight init could be searched reads, its rows carry none of
     * them, and the settings rebuilt from a row key as they did then, so such a sweep still resumes its finished candidates.
     */
    @Test
    void aJournalFromBeforeTheWiderSearchReadsAndKeepsItsKeys() throws IOException {
        String old = "{\"candidate\":0,\"key\":\"lr=0.1000000000,momentum=0.9000000000,batch=16,decayRate=0.5000000000\","
                + "\"learningRate\":0.1,\"momentum\":0.9,\"batchSize\":\"16\",\"epochs\":2,\"status\":\"ok\",\"accuracy\":0.9,"
                + "\"loss\":0.3,\"trainSeconds\":1.0,\"schedule\":{\"decayRate\":0.5}}";
        Files.writeString(dir.resolve(SweepJournal.FILE), old + "\n");
        CandidateRow row = new SweepJournal(dir).read().get(0);
        assertEquals(null, row.l2());
        assertEquals(null, row.optimizer());
        assertEquals(null, row.weightInit());
        assertEquals(row.key(), row.hyperparameters().key());
        assertEquals("lr=0.1000000000,momentum=0.9000000000,batch=16", new Hyperparameters(0.1, 0.9,
                dev.dl4jlab.config.BatchSize.parse("16"), null).key(), "the key format of sweeps that search none of them");

        // a row that searched them writes and reads them back
        Hyperparameters wide = new Hyperparameters(0.1, 0.9, dev.dl4jlab.config.BatchSize.parse("16"), null, 1e-4,
                dev.dl4jlab.config.OptimizerType.ADAM, "xavier");
        new SweepJournal(dir).append(List.of(CandidateRow.of(1, wide, 2, CandidateRow.Status.OK, 0.9, 0.3, 1.0, null)));
        CandidateRow back = new SweepJournal(dir).read().get(1);
        assertEquals(wide, back.hyperparameters());
        assertEquals("lr=0.1000000000,momentum=0.9000000000,batch=16,l2=0.0001000000000,optimizer=adam,weightInit=xavier", back.key());
    }
}
