package org.pkttables.io.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkerCountTest {
    @Test
    void upToTwoCoresOneWorkerWhateverThePorts() {
        for (int ports = 1; ports <= 8; ports++) {
            assertEquals(1, WorkerCount.choose(1, ports), ports + " ports");
            assertEquals(1, WorkerCount.choose(2, ports), ports + " ports");
        }
    }

    @Test
    void largerMachinesGetTheCoresTheCaptureThreadsLeave() {
        assertEquals(1, WorkerCount.choose(3, 2));
        assertEquals(2, WorkerCount.choose(4, 2));
        assertEquals(6, WorkerCount.choose(8, 2));
        assertEquals(4, WorkerCount.choose(8, 4));
        // More ports than cores: still one worker.
        assertEquals(1, WorkerCount.choose(4, 6));
    }

    @Test
    void neverMoreThanCoresLessOne() {
        // A router on one port: the capture thread's core is the one left over.
        assertEquals(3, WorkerCount.choose(4, 1));
        for (int cores = 3; cores <= 256; cores++) {
            for (int ports = 1; ports <= 16; ports++) {
                int w = WorkerCount.choose(cores, ports);
                assertTrue(w >= 1 && w <= cores - 1, cores + " cores, " + ports + " ports: " + w);
                assertTrue(w <= ModeRuntime.maxWorkers(), cores + " cores: " + w);
            }
        }
    }

    @Test
    void notMoreThanUsefulForThePorts() {
        assertEquals(WorkerCount.PER_PORT, WorkerCount.choose(64, 1));
        assertEquals(2 * WorkerCount.PER_PORT, WorkerCount.choose(64, 2));
        assertEquals(ModeRuntime.maxWorkers(), WorkerCount.choose(1024, 64), "capped at the counter slots");
    }

    @Test
    void noPortsCountAsOne() {
        assertEquals(WorkerCount.choose(8, 1), WorkerCount.choose(8, 0));
        assertThrows(IllegalArgumentException.class, () -> WorkerCount.choose(0, 2));
    }

    @Test
    void theCountSaysHowItWasChosen() {
        assertEquals("1 (default for 2 cores, 2 ports)", WorkerCount.forMachine(2, 2).toString());
        assertEquals("3 (default for 4 cores, 1 port)", WorkerCount.forMachine(4, 1).toString());
        assertEquals("3 (set by --workers)", WorkerCount.explicit(3, "--workers").toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> WorkerCount.explicit(0, "--workers"))
                .getMessage().contains("workers must be 1.."));
    }

    @Test
    void runWorkersOverridesTheDefault() {
        String before = System.getProperty(WorkerCount.PROPERTY);
        try {
            System.setProperty(WorkerCount.PROPERTY, " 3 ");
            assertEquals(WorkerCount.explicit(3, "--workers"), WorkerCount.unlessGiven(2));
            System.setProperty(WorkerCount.PROPERTY, "");
            assertEquals(WorkerCount.forMachine(2), WorkerCount.unlessGiven(2));
            System.setProperty(WorkerCount.PROPERTY, "two");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> WorkerCount.unlessGiven(2)).getMessage()
                    .contains("pkttables.bridge.workers `two' is not a number"));
        } finally {
            if (before == null) {
                System.clearProperty(WorkerCount.PROPERTY);
            } else {
                System.setProperty(WorkerCount.PROPERTY, before);
            }
        }
    }
}
