package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Safe change through the real launcher's control socket (issue 16, acceptance 4): {@code ctl apply
 * --timeout 3 FILE} from a client that never confirms is rolled back after about 3 s to exactly the
 * {@code iptables-save} of before, and says so (the log, {@code history}, a late {@code confirm}); with
 * {@code confirm} from another {@code ctl} call the applied rules stay; a second apply while one waits is
 * refused. {@code history} lists every generation with the caller's uid (as root also a call from
 * {@code nobody}, whose uid the kernel tells through SO_PEERCRED), {@code diff GEN GEN} prints the
 * changed rules, {@code rollback GEN} gives that generation's {@code iptables-save} back, bad input is
 * named and changes nothing, and the history is the same after a restart. No root needed (the
 * {@code nobody} part skips without it).
 */
class SafeApplyIT {
    @RegisterExtension
    final Lab lab = Lab.launcher();
    private RunningAppliance appliance;

    private static final String BASE = "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
            + "-A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"admin ssh\" -j ACCEPT\nCOMMIT\n";
    private static final String MOVED = "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
            + "-A INPUT -p tcp -m tcp --dport 2222 -m comment --comment \"admin ssh, moved\" -j ACCEPT\nCOMMIT\n";
    private static final Pattern ENTRY = Pattern.compile("^([0-9]+) +(\\S+) +(\\S+)(?: \\((\\S+)\\))? +(.*)$",
            Pattern.MULTILINE);

    /** iptables-save without its comment lines. */
    private String save() throws Exception {
        Proc.Result r = appliance.ctl("iptables-save");
        assertOk(r);
        return r.out().lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }

    private record Entry(long gen, String uid, String user, String command) {
    }

    private List<Entry> history() throws Exception {
        Proc.Result r = appliance.ctl("history");
        assertOk(r);
        List<Entry> l = new ArrayList<>();
        Matcher m = ENTRY.matcher(r.out());
        while (m.find()) {
            l.add(new Entry(Long.parseLong(m.group(1)), m.group(3), m.group(4), m.group(5)));
        }
        return l;
    }

    private Entry last() throws Exception {
        List<Entry> l = history();
        return l.get(l.size() - 1);
    }

    @Test
    void applyRollsBackUnlessConfirmedAndTheHistoryRoundTrips() throws Exception {
        Path base = Files.writeString(lab.home().resolve("base.v4"), BASE);
        Path moved = Files.writeString(lab.home().resolve("moved.v4"), MOVED);
        String me = Long.toString(Lab.uid());
        // Traversable by others: `nobody' reaches the socket here (part 3).
        Files.setPosixFilePermissions(lab.home(), PosixFilePermissions.fromString("rwxr-xr-x"));
        appliance = lab.start("run");
        assertOk(appliance.ctl("iptables-restore", base.toString()));
        String before = save();
        assertEquals(BASE, before);
        Entry restored = last();
        assertEquals(me, restored.uid(), "the caller's uid: " + restored);
        assertEquals("iptables-restore", restored.command());
        long baseGen = restored.gen();

        // 1. apply without confirm: rolled back after about 3 s, to exactly the rules of before.
        long t0 = System.nanoTime();
        Proc.Result applied = appliance.ctl("apply", "--timeout", "3", moved.toString());
        assertOk(applied);
        Matcher g = Pattern.compile("^applied \\S+ as generation ([0-9]+); confirm within 3 s \\(`confirm'\\), or it is "
                + "rolled back to generation " + baseGen + "\n$").matcher(applied.out());
        assertTrue(g.matches(), applied.out());
        long movedGen = Long.parseLong(g.group(1));
        assertEquals(MOVED, save(), "applied at once");
        Lab.waitFor("the rollback of the unconfirmed apply", () -> save().equals(before), 15);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("SafeApplyIT: unconfirmed apply --timeout 3 rolled back after %.2f s%n", seconds);
        assertTrue(seconds >= 2.9 && seconds < 6, "rolled back after about 3 s, not " + seconds);
        assertEquals(before, save(), "iptables-save of before");
        Entry rb = last();
        assertEquals("rollback " + baseGen + " (apply of generation " + movedGen + " not confirmed within 3 s)",
                rb.command());
        Proc.Result late = appliance.ctl("confirm");
        assertEquals(1, late.exit(), late.toString());
        assertTrue(late.err().contains("generation " + movedGen + " (uid " + me) && late.err().contains(
                "was not confirmed within 3 s: rolled back to generation " + baseGen), late.err());
        assertTrue(appliance.log().contains("apply: generation " + movedGen + " (uid " + me), "logged");
        assertTrue(appliance.ctl("history").out().contains("last apply: generation " + movedGen));

        // 2. apply, a second apply refused, confirm from another ctl call: the rules stay.
        Proc.Result again = appliance.ctl("apply", "-t", "3", moved.toString());
        assertOk(again);
        long keptGen = last().gen();
        Proc.Result second = appliance.ctl("apply", base.toString());
        assertEquals(1, second.exit());
        assertTrue(second.err().startsWith("apply: refused, nothing changed: generation " + keptGen), second.err());
        assertTrue(appliance.ctl("history").out().contains("apply: generation " + keptGen + " waits for `confirm'"));
        Proc.Result confirmed = appliance.ctl("confirm");
        assertOk(confirmed);
        assertEquals("confirmed: generation " + keptGen + " stays\n", confirmed.out());
        Thread.sleep(4000);
        assertEquals(MOVED, save(), "kept past the timeout");
        assertEquals(keptGen, last().gen(), "no rollback entry");

        // 3. another user's change carries its uid (the kernel's SO_PEERCRED).
        if (Lab.uid() == 0 && Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            Files.setPosixFilePermissions(appliance.socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
            assertOk(asNobody("iptables", "-A", "INPUT", "-s", "192.0.2.7", "-j", "DROP"));
            Entry nobody = last();
            assertEquals("65534", nobody.uid(), nobody.toString());
            assertEquals("iptables -A INPUT -s 192.0.2.7 -j DROP", nobody.command());
            assertOk(appliance.ctl("iptables", "-D", "INPUT", "-s", "192.0.2.7", "-j", "DROP"));
        } else {
            System.out.println("SafeApplyIT: not root (or no setpriv): the uid of another user is not checked");
        }

        // 4. diff between two generations, in save format.
        Proc.Result diff = appliance.ctl("diff", Long.toString(baseGen), Long.toString(keptGen));
        assertOk(diff);
        List<String> changed = diff.out().lines().filter(l -> (l.startsWith("-") || l.startsWith("+"))
                && !l.startsWith("---") && !l.startsWith("+++")).toList();
        assertEquals(List.of("--A INPUT -p tcp -m tcp --dport 22 -m comment --comment \"admin ssh\" -j ACCEPT",
                "+-A INPUT -p tcp -m tcp --dport 2222 -m comment --comment \"admin ssh, moved\" -j ACCEPT"), changed,
                diff.out());
        assertTrue(diff.out().startsWith("--- generation " + baseGen + " ("), diff.out());
        assertEquals("", appliance.ctl("diff", Long.toString(keptGen), Long.toString(keptGen)).out());

        // 5. rollback GEN: that generation's iptables-save, itself a new generation.
        Proc.Result back = appliance.ctl("rollback", Long.toString(baseGen));
        assertOk(back);
        assertEquals(before, save(), "rollback " + baseGen + " gives its iptables-save back");
        assertEquals("rollback " + baseGen, last().command());
        Proc.Result shown = appliance.ctl("history", Long.toString(baseGen));
        assertEquals("# iptables-save\n" + before, shown.out());
        assertEquals("", appliance.ctl("diff", Long.toString(baseGen)).out(), "the live ruleset is generation " + baseGen
                + "'s");

        // 6. bad input: named, nothing changes.
        long lastGen = last().gen();
        Proc.Result unknown = appliance.ctl("rollback", "999");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().startsWith("rollback: no generation 999 in the history (kept: "), unknown.err());
        Path bad = Files.writeString(lab.home().resolve("bad.v4"), MOVED.replace("COMMIT",
                "-A INPUT -p tcp --dport 80 -j NOSUCHTARGET\nCOMMIT"));
        Proc.Result badApply = appliance.ctl("apply", bad.toString());
        assertEquals(1, badApply.exit());
        assertTrue(badApply.err().startsWith("apply: " + bad + ": ")
                && badApply.err().matches("(?s).*line:? 6\\b.*")
                && badApply.err().endsWith("; nothing changed\n"), badApply.err());
        assertEquals(before, save());
        assertEquals(lastGen, last().gen(), "nothing recorded");
        assertEquals(2, appliance.ctl("apply", "--timeout", "0", moved.toString()).exit());
        assertEquals(1, appliance.ctl("confirm").exit(), "nothing waits");

        // 7. the history after a restart: the same entries, and numbers that go on.
        List<Entry> kept = history();
        appliance.stop();
        appliance = lab.start("run");
        assertEquals(kept, history(), "the same history after a restart (the boot's ruleset is the last entry's)");
        assertOk(appliance.ctl("iptables", "-A", "INPUT", "-j", "ACCEPT"));
        assertEquals(lastGen + 1, last().gen());
        assertFalse(appliance.log().contains("history: "), "no damaged entry");
    }

    private Proc.Result asNobody(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                ProcessHandle.current().info().command().orElse("java"), "-cp", Proc.builtJar("control").toString(),
                "org.pkttables.control.client.Ctl", "--socket", appliance.socket().toString()));
        cmd.addAll(List.of(args));
        return Proc.exec(cmd, null);
    }
}
