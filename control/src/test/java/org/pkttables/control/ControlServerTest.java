package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend;
import org.pkttables.control.client.ControlClient;

class ControlServerTest {
    @TempDir
    Path dir;

    private final RecordingFrontend frontend = new RecordingFrontend("iptables", "iptables-restore");

    private ControlServer open(Path socket) throws IOException {
        return ControlServer.open(socket, new CommandRouter(TestCommands.of(frontend), () -> null));
    }

    @Test
    void argumentsReachTheFrontendExactlyAsSent() throws IOException {
        Path sock = dir.resolve("p.sock");
        List<String> argv = List.of("iptables", "-A", "INPUT", "!", "-s", "10.0.0.1", "-m", "comment", "--comment",
                "a b", "-j", "DROP", "");
        try (ControlServer s = open(sock)) {
            ControlClient.Result r = new ControlClient(sock).call(argv, null);
            assertEquals(0, r.exit());
        }
        assertEquals(List.of(new RecordingFrontend.Call("iptables", argv.subList(1, argv.size()), null)),
                frontend.calls());
    }

    @Test
    void exitCodeStdoutAndStderrComeBackSeparately() throws IOException {
        frontend.answers.put("iptables", new CommandFrontend.Result(2, "out text\n", "iptables: Bad argument\n"));
        Path sock = dir.resolve("p.sock");
        try (ControlServer s = open(sock)) {
            ControlClient.Result r = new ControlClient(sock).call(List.of("iptables", "-Q"), null);
            assertEquals(new ControlClient.Result(2, "out text\n", "iptables: Bad argument\n"), r);
        }
    }

    @Test
    void stdinIsPassedToRestore() throws IOException {
        Path sock = dir.resolve("p.sock");
        String rules = "*filter\n:INPUT DROP [0:0]\nCOMMIT\n";
        try (ControlServer s = open(sock)) {
            new ControlClient(sock).call(List.of("iptables-restore", "--noflush"), rules);
        }
        assertEquals(new RecordingFrontend.Call("iptables-restore", List.of("--noflush"), rules), frontend.calls().get(0));
    }

    @Test
    void aStreamingCommandWritesToTheConnectionAndOtherArgumentsRunAsUsual() throws IOException {
        frontend.answers.put("iptables", new CommandFrontend.Result(0, "collected\n", ""));
        Path sock = dir.resolve("p.sock");
        CommandRouter router = new CommandRouter(TestCommands.of(frontend,
                TestCommands.streaming("iptables", args -> args.contains("-E"), (args, sink) -> {
                    sink.out("[NEW] one\n");
                    sink.keepAlive();
                    sink.out("[DESTROY] two\n");
                    sink.err("2 flow events have been shown.\n");
                    return 0;
                }, frontend)), () -> null); // not a stream: the frontend runs it
        try (ControlServer s = ControlServer.open(sock, router)) {
            ControlClient c = new ControlClient(sock);
            assertEquals(new ControlClient.Result(0, "[NEW] one\n[DESTROY] two\n", "2 flow events have been shown.\n"),
                    c.call(List.of("iptables", "-E"), null));
            assertEquals(new ControlClient.Result(0, "collected\n", ""), c.call(List.of("iptables", "-L"), null));
        }
        assertEquals(1, frontend.calls().size(), "only the non-streaming call reached the frontend");
    }

    @Test
    void applianceCommandsAndUnknownCommands() throws IOException {
        Path sock = dir.resolve("p.sock");
        try (ControlServer s = open(sock)) {
            ControlClient c = new ControlClient(sock);
            assertEquals(new ControlClient.Result(0, "pong\n", ""), c.call(List.of("ping"), null));
            ControlClient.Result r = c.call(List.of("nosuch", "x"), null);
            assertEquals(127, r.exit());
            assertTrue(r.err().contains("unknown command 'nosuch'"), r.err());
        }
        assertTrue(frontend.calls().isEmpty());
    }

    @Test
    void socketIsOwnerOnlyAndRemovedOnClose() throws IOException {
        Path sock = dir.resolve("p.sock");
        try (ControlServer s = open(sock)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
            try (var files = Files.list(dir)) {
                assertEquals(List.of(sock), files.toList(), "no temporary directory left behind");
            }
        }
        assertFalse(Files.exists(sock));
    }

    @Test
    void aSecondServerOnTheSameSocketIsRefusedButAStaleSocketIsReplaced() throws IOException {
        Path sock = dir.resolve("p.sock");
        try (ControlServer s = open(sock)) {
            IOException e = assertThrows(IOException.class, () -> open(sock));
            assertTrue(e.getMessage().contains("already listening"), e.getMessage());
        }
        Path file = dir.resolve("not-a-socket");
        Files.writeString(file, "keep me");
        assertThrows(IOException.class, () -> open(file));
        assertEquals("keep me", Files.readString(file));
    }
}
