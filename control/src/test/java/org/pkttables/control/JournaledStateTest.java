package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetEvent.Type;

class JournaledStateTest {
    @TempDir
    Path dir;

    private final RecordingFrontend frontend = new RecordingFrontend("iptables-save", "iptables-restore",
            "ip6tables-save", "ip6tables-restore", "ebtables-save", "ebtables-restore");
    private final AtomicLong generation = new AtomicLong();
    private int quiesced;

    private JournaledState state() {
        return new JournaledState(new StateStore(dir), frontend, generation::get, new JournaledState.Quiesce() {
            @Override
            public <T> T call(java.util.concurrent.Callable<T> task) throws Exception {
                quiesced++;
                return task.call();
            }
        });
    }

    /** The journal file, holding {@code records}. */
    private void journal(Journal.Record... records) throws IOException {
        Journal j = new Journal(dir.resolve("journal"));
        j.append(List.of(records));
        j.close();
    }

    private static RulesetEvent add(long gen, Family f, String rule) {
        return new RulesetEvent(gen, Type.RULE_ADDED, f, "filter", "INPUT", 1, gen, rule);
    }

    private List<RecordingFrontend.Call> calls(String command) {
        return frontend.calls().stream().filter(c -> c.command().equals(command)).collect(Collectors.toList());
    }

    @Test
    void firstFlushIsACheckpointThenChangesOnlyAppendUntilACheckpointCutsTheJournal() throws IOException {
        frontend.answers.put("iptables-save", new CommandFrontend.Result(0, "*filter\n-A INPUT -j A\nCOMMIT\n", ""));
        JournaledState s = state();
        assertEquals(1, s.run());
        generation.set(5);
        assertEquals(5, s.flush());
        assertEquals("# pkttables checkpoint run=1 gen=5\n*filter\n-A INPUT -j A\nCOMMIT\n",
                Files.readString(dir.resolve("rules.v4")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("rules.v4"))));
        int saves = calls("iptables-save").size();

        s.changed(add(6, Family.IPV4, "-j B"));
        s.changed(new RulesetEvent(6, Type.ZERO, Family.IPV4, "filter", null, 0, 0, null));
        s.changed(add(7, Family.IPV6, "-j C"));
        generation.set(7);
        assertEquals(7, s.flush());
        assertEquals(saves, calls("iptables-save").size(), "an append reads no save");
        List<Journal.Record> j = Journal.read(dir.resolve("journal")).records();
        assertEquals(List.of(new Journal.Record(1, 6, List.of(add(6, Family.IPV4, "-j B"))),
                new Journal.Record(1, 7, List.of(add(7, Family.IPV6, "-j C")))), j);

        s.changed(add(8, Family.IPV4, "-j D"));
        generation.set(8);
        // A checkpoint at 7 (say the state was read before 8 committed) keeps only what follows it.
        generation.set(7);
        assertEquals(7, s.checkpoint());
        generation.set(8);
        assertEquals(8, s.flush());
        assertEquals(List.of(new Journal.Record(1, 8, List.of(add(8, Family.IPV4, "-j D")))),
                Journal.read(dir.resolve("journal")).records());
        assertEquals("# pkttables checkpoint run=1 gen=7\n*filter\n-A INPUT -j A\nCOMMIT\n",
                Files.readString(dir.resolve("rules.v4")));
    }

    @Test
    void aCleanStopWritesALastCheckpointAndEmptiesTheJournal() throws Exception {
        frontend.answers.put("iptables-save", new CommandFrontend.Result(0, "*filter\n-A INPUT -j B\nCOMMIT\n", ""));
        JournaledState s = state();
        s.flush();
        s.changed(add(1, Family.IPV4, "-j B"));
        generation.set(1);
        s.flush();
        assertEquals(1, Journal.read(dir.resolve("journal")).records().size());
        s.close(true);
        assertEquals(List.of(), Journal.read(dir.resolve("journal")).records());
        assertEquals("# pkttables checkpoint run=1 gen=1\n*filter\n-A INPUT -j B\nCOMMIT\n",
                Files.readString(dir.resolve("rules.v4")));
    }

    @Test
    void aChangeTheJournalCannotRedoMakesTheGroupCommitACheckpoint() throws IOException {
        JournaledState s = state();
        s.flush();
        int saves = calls("ebtables-save").size();
        s.changed(add(1, Family.BRIDGE, "-j DROP"));
        s.changed(add(1, Family.IPV4, "-j DROP"));
        generation.set(1);
        assertEquals(1, s.flush());
        assertEquals(saves + 1, calls("ebtables-save").size());
        assertEquals(List.of(), Journal.read(dir.resolve("journal")).records(), "covered by the checkpoint");
        s.changed(add(2, Family.IPV4, "-j ACCEPT"));
        generation.set(2);
        s.flush();
        assertEquals(saves + 1, calls("ebtables-save").size(), "back to appending");
        assertEquals(1, Journal.read(dir.resolve("journal")).records().size());
    }

    @Test
    void bootRedoesEveryRecordAFileDoesNotCoverInOrder() throws IOException {
        Files.writeString(dir.resolve("rules.v4"), "# pkttables checkpoint run=3 gen=10\n*filter\nCOMMIT\n");
        Files.writeString(dir.resolve("rules.v6"), "# pkttables checkpoint run=2 gen=50\n*filter\nCOMMIT\n");
        journal(new Journal.Record(2, 60, List.of(add(60, Family.IPV4, "-j OLD"), add(60, Family.IPV6, "-j V6A"))),
                new Journal.Record(3, 10, List.of(add(10, Family.IPV4, "-j COVERED"))),
                new Journal.Record(3, 11, List.of(add(11, Family.IPV4, "-j NEW"), add(11, Family.IPV6, "-j V6B"))));
        JournaledState s = state();
        assertEquals(4, s.run());
        BootState boot = s.restore();
        assertEquals(BootState.Outcome.LOADED, boot.outcome(), boot.describe());
        List<String> redone = frontend.calls().stream().filter(c -> c.args().contains("--noflush"))
                .map(c -> c.command() + " " + c.stdin()).collect(Collectors.toList());
        assertEquals(List.of("ip6tables-restore *filter\n-I INPUT 1 -j V6A\nCOMMIT\n",
                "iptables-restore *filter\n-I INPUT 1 -j NEW\nCOMMIT\n",
                "ip6tables-restore *filter\n-I INPUT 1 -j V6B\nCOMMIT\n"), redone);
    }

    @Test
    void aRecordThatDoesNotRedoFailsTheBootClosed() throws IOException {
        Files.writeString(dir.resolve("rules.v4"), "# pkttables checkpoint run=1 gen=1\n*filter\nCOMMIT\n");
        journal(new Journal.Record(1, 2, List.of(add(2, Family.IPV4, "-j NOWHERE"))));
        frontend.answer = c -> c.args().contains("--noflush")
                ? new CommandFrontend.Result(2, "", "iptables-restore: line 2 failed: no chain NOWHERE\n")
                : new CommandFrontend.Result(0, "", "");
        BootState boot = state().restore();
        assertEquals(BootState.Outcome.CLOSED, boot.outcome());
        assertTrue(boot.describe().contains("generation 2") && boot.describe().contains("no chain NOWHERE"),
                boot.describe());
    }

    @Test
    void aDamagedJournalFailsTheBootClosedAndATornTailIsOnlyReported() throws IOException {
        Files.writeString(dir.resolve("rules.v4"), "# pkttables checkpoint run=1 gen=1\n*filter\nCOMMIT\n");
        byte[] a = Journal.encode(new Journal.Record(1, 2, List.of(add(2, Family.IPV4, "-j A"))));
        byte[] b = Journal.encode(new Journal.Record(1, 3, List.of(add(3, Family.IPV4, "-j B"))));
        byte[] torn = new byte[a.length + b.length - 3];
        System.arraycopy(a, 0, torn, 0, a.length);
        System.arraycopy(b, 0, torn, a.length, b.length - 3);
        Files.write(dir.resolve("journal"), torn);
        BootState boot = state().restore();
        assertEquals(BootState.Outcome.LOADED, boot.outcome(), boot.describe());
        assertTrue(boot.describe().contains("torn"), boot.describe());
        assertEquals(1, frontend.calls().stream().filter(c -> c.args().contains("--noflush")).count());

        byte[] damaged = new byte[a.length + b.length];
        System.arraycopy(a, 0, damaged, 0, a.length);
        System.arraycopy(b, 0, damaged, a.length, b.length);
        damaged[20] ^= 1;
        Files.write(dir.resolve("journal"), damaged);
        boot = state().restore();
        assertEquals(BootState.Outcome.CLOSED, boot.outcome(), boot.describe());
    }

    @Test
    void aFileWithoutCheckpointLineIsTakenAsIsAndSaysSo() throws IOException {
        Files.writeString(dir.resolve("rules.v4"), "*filter\n-A INPUT -j BYHAND\nCOMMIT\n");
        journal(new Journal.Record(1, 2, List.of(add(2, Family.IPV4, "-j A"))));
        BootState boot = state().restore();
        assertTrue(boot.portsMayOpen());
        assertTrue(boot.describe().contains("not redone"), boot.describe());
        assertFalse(frontend.calls().stream().anyMatch(c -> c.args().contains("--noflush")));
    }

    @Test
    void changesForAFamilyWhoseFileDidNotLoadFailClosed() throws IOException {
        journal(new Journal.Record(1, 2, List.of(add(2, Family.IPV4, "-j A"))));
        BootState boot = state().restore();
        assertEquals(BootState.Outcome.CLOSED, boot.outcome(), boot.describe());
    }
}
