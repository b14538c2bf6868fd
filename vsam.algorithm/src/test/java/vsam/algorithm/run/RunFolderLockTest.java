package vsam.algorithm.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder has one writer: the lock refuses a second one, in this JVM or another, and outlives no process. */
class RunFolderLockTest {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void aSecondWriterInTheSameJvmIsRefusedWithTheHoldersProcessId(@TempDir Path dir) {
        try (RunFolderLock first = RunFolderLock.acquire(dir)) {
            RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolderLock.acquire(dir));
            assertEquals("run folder " + dir + " is in use by process " + PID
                    + "; wait for it to finish or stop it first (a run folder has one writer)", e.getMessage());
            // The same folder by another spelling is the same folder.
            assertThrows(RunFolderException.class, () -> RunFolderLock.acquire(dir.resolve(".").resolve("sub").resolve("..")
                    .resolve(".")));
        }
        try (RunFolderLock again = RunFolderLock.acquire(dir)) {
            assertTrue(again.previousHolder().isPresent(), "the released lock file still names its last writer");
        }
    }

    @Test
    void aLockFileLeftByADeadProcessIsTakenOver(@TempDir Path dir) throws Exception {
        // What a killed run leaves: the file with its id, but no operating-system lock (that died with it).
        Files.writeString(dir.resolve(RunFolderLock.FILE), "987654321\n");
        try (RunFolderLock lock = RunFolderLock.acquire(dir)) {
            assertEquals(987654321L, lock.previousHolder().getAsLong());
            assertEquals(PID + "", Files.readString(dir.resolve(RunFolderLock.FILE)).strip());
        }
    }

    @Test
    void aMissingFolderIsANamedErrorNotACreatedFolder(@TempDir Path dir) {
        Path missing = dir.resolve("missing");
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolderLock.acquire(missing));
        assertTrue(e.getMessage().startsWith("cannot lock run folder " + missing + ": "), e.getMessage());
        assertFalse(Files.exists(missing));
    }
}
