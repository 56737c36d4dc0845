package org.pkttables.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.pkttables.control.client.ControlClient;

/** The control socket of the running appliance, and the state it writes on every change. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ControlSocketIT {
    @Configuration
    public Option[] config() {
        return ApplianceRuntime.options("control");
    }

    /** Waits for the socket to appear (it opens once the framework has started). */
    private static void awaitFile(Path file) throws IOException, InterruptedException {
        awaitPath(file, Files::exists, "to appear");
    }

    private static Path socket() {
        return Path.of(System.getProperty("pkttables.socket"));
    }

    @Test
    public void socketIsOwnerOnlyAndAnswersApplianceAndFrontendCommands() throws Exception {
        awaitFile(socket());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket())));
        ControlClient c = new ControlClient(socket());
        assertEquals(new ControlClient.Result(0, "pong\n", ""), c.call(List.of("ping"), null));
        ControlClient.Result s = c.call(List.of("iptables", "-S"), null);
        assertEquals(s.err(), 0, s.exit());
        assertTrue(s.out(), s.out().contains("-P INPUT ACCEPT"));
        ControlClient.Result bad = c.call(List.of("iptables", "-A", "NOSUCH", "-j", "DROP"), null);
        assertTrue(bad.toString(), bad.exit() != 0 && !bad.err().isEmpty());
    }

    @Test
    public void everyCommittedChangeIsSavedToTheStateDirectory() throws Exception {
        awaitFile(socket());
        ControlClient c = new ControlClient(socket());
        ControlClient.Result r = c.call(List.of("iptables", "-A", "INPUT", "!", "-s", "10.9.8.7", "-j", "DROP"), null);
        assertEquals(r.err(), 0, r.exit());
        Path v4 = Path.of(System.getProperty("pkttables.state")).resolve("rules.v4");
        // Durable acknowledgement (issue 11): the answer comes once the change is on disk, not before: in
        // the journal (its record holds the rule's save text), or in rules.v4 when a checkpoint took it.
        Path journal = v4.resolveSibling("journal");
        String journaled = Files.exists(journal)
                ? new String(Files.readAllBytes(journal), java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        assertTrue("saved before the answer", journaled.contains("! -s 10.9.8.7/32 -j DROP")
                || Files.readString(v4).contains("-A INPUT ! -s 10.9.8.7/32 -j DROP"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(v4)));
        awaitContent(v4, "-A INPUT ! -s 10.9.8.7/32 -j DROP");
    }

    /** Waits until {@code file} holds {@code text}. */
    private static void awaitContent(Path file, String text) throws IOException, InterruptedException {
        awaitPath(file, f -> Files.exists(f) && Files.readString(f).contains(text), "to contain '" + text + "'");
    }

    /** A check on a file that may throw while the file is being replaced. */
    private interface FileCheck {
        boolean test(Path file) throws IOException;
    }

    /** Waits, by watching the file's directory (files are replaced by rename), until {@code check} holds. */
    private static void awaitPath(Path file, FileCheck check, String what) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        try (WatchService w = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ApplianceRuntime.TIMEOUT_SECONDS);
            while (!check.test(file)) {
                long left = deadline - System.nanoTime();
                WatchKey k = left > 0 ? w.poll(left, TimeUnit.NANOSECONDS) : null;
                if (k == null) {
                    throw new AssertionError(file + " failed " + what + " within " + ApplianceRuntime.TIMEOUT_SECONDS
                            + " s; it holds: " + (Files.isRegularFile(file) ? Files.readString(file) : "(no file)"));
                }
                k.pollEvents();
                k.reset();
            }
        }
    }
}
