package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.control.client.ControlClient;

/**
 * A command's files through the socket are the client's: opened by the client, relative to the
 * client's directory, with its failures reported by the command; the appliance opens nothing itself.
 */
class ControlFilesTest {
    @TempDir
    Path dir;

    private ControlServer open(Path sock) throws IOException {
        return ControlServer.open(sock, new CommandRouter(TestCommands.of(new FileFrontend()), () -> null));
    }

    @Test
    void filesAreReadAndWrittenByTheClientRelativeToItsDirectory() throws IOException {
        Path sock = dir.resolve("s");
        Path clientDir = Files.createDirectories(dir.resolve("client"));
        byte[] big = new byte[3 << 20];
        new Random(7).nextBytes(big);
        Files.write(clientDir.resolve("in.bin"), big);
        Files.writeString(clientDir.resolve("note.txt"), "hello from the client\n");
        try (ControlServer s = open(sock)) {
            ControlClient c = new ControlClient(sock, clientDir);
            assertEquals(new ControlClient.Result(0, "hello from the client\n", ""), c.call(List.of("cat", "note.txt"), null));
            assertEquals(new ControlClient.Result(0, big.length + " bytes\n", ""),
                    c.call(List.of("copy", "in.bin", "out.bin"), null));
            assertEquals(0, c.call(List.of("tee", "written.txt"), "the caller's text\n").exit());
            assertEquals(0, s.budget().used(), "every request gave its bytes back");
        }
        assertArrayEquals(big, Files.readAllBytes(clientDir.resolve("out.bin")));
        assertEquals("the caller's text\n", Files.readString(clientDir.resolve("written.txt")));
        assertFalse(Files.exists(dir.resolve("out.bin")));
    }

    @Test
    void whatTheClientCannotOpenTheCommandReportsWithTheClientsReason() throws IOException {
        Path sock = dir.resolve("s");
        try (ControlServer s = open(sock)) {
            ControlClient c = new ControlClient(sock, dir);
            assertEquals(new ControlClient.Result(1, "", "cat: nope.txt: No such file or directory\n"),
                    c.call(List.of("cat", "nope.txt"), null));
            assertEquals(new ControlClient.Result(1, "", "tee: nodir/x: No such file or directory\n"),
                    c.call(List.of("tee", "nodir/x"), "text"));
            assertEquals(new ControlClient.Result(1, "", "cat: .: Is a directory\n"), c.call(List.of("cat", "."), null));
            // the connection is still in step after the failures: the next command runs
            Files.writeString(dir.resolve("ok"), "fine\n");
            assertEquals(new ControlClient.Result(0, "fine\n", ""), c.call(List.of("cat", "ok"), null));
        }
    }

    @Test
    void aScriptsFilesAreThisProcesssOwn() throws IOException {
        // batch and --config run as the appliance's own operator: the command opens the file directly.
        Path f = Files.writeString(dir.resolve("local.txt"), "direct\n");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        CommandRouter router = new CommandRouter(TestCommands.of(new FileFrontend()), () -> null);
        List<Script.Failure> failed = Script.run("batch", "cat " + f + "\n", dir, router,
                new StreamOutput(new java.io.PrintStream(out, true), System.err));
        assertEquals(List.of(), failed);
        assertEquals("direct\n", out.toString());
    }
}
