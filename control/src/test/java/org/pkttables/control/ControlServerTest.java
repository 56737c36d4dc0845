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

    /** A word that is not UTF-8 is refused, naming it, and never reaches a command as U+FFFD. */
    @Test
    void aWordThatIsNotUtf8IsRefusedNamingIt() throws IOException {
        Path sock = dir.resolve("p.sock");
        java.io.ByteArrayOutputStream req = new java.io.ByteArrayOutputStream();
        java.util.function.BiConsumer<Character, byte[]> frame = (tag, payload) -> {
            req.write(tag);
            req.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(payload.length).array());
            req.writeBytes(payload);
        };
        frame.accept('P', java.nio.ByteBuffer.allocate(4).putInt(org.pkttables.control.client.Wire.MAGIC).array());
        frame.accept('A', "iptables".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        frame.accept('A', "-A".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        frame.accept('A', new byte[] { 'c', 'a', 'f', (byte) 0xe9 });
        frame.accept('G', new byte[0]);
        StringBuilder err = new StringBuilder();
        int exit = -1;
        try (ControlServer s = open(sock); java.nio.channels.SocketChannel c = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(sock))) {
            c.write(java.nio.ByteBuffer.wrap(req.toByteArray()));
            java.io.DataInputStream in = new java.io.DataInputStream(java.nio.channels.Channels.newInputStream(c));
            while (exit < 0) {
                int tag = in.readUnsignedByte();
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                if (tag == 'E') {
                    err.append(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
                } else if (tag == 'X') {
                    exit = java.nio.ByteBuffer.wrap(payload).getInt();
                }
            }
        }
        assertEquals(2, exit);
        assertEquals("pkttables: word 3 of the command is not UTF-8 (byte 0xe9 at byte 4 of \"caf\ufffd\"); rules are "
                + "kept as UTF-8 text\n", err.toString());
        assertEquals(List.of(), frontend.calls());
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
