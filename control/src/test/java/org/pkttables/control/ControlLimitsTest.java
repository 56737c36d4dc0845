package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend;
import org.pkttables.control.client.ControlClient;
import org.pkttables.control.client.Wire;

/** The control socket stays bounded whatever its clients claim, send or leave unsent. */
class ControlLimitsTest {
    @TempDir
    Path dir;

    private final RecordingFrontend frontend = new RecordingFrontend("iptables", "iptables-save", "iptables-restore");

    private ControlServer open(Path sock, ControlLimits limits, TestCommands.Body stream) throws IOException {
        CommandRegistryComponent commands = stream == null ? TestCommands.of(frontend)
                : TestCommands.of(frontend, TestCommands.streaming("stream", args -> true, stream, frontend));
        return ControlServer.open(sock, new CommandRouter(commands, () -> null), limits);
    }

    private static ControlLimits limits(int connections, long request, long budget, int readSeconds) {
        return new ControlLimits(connections, request, budget, Duration.ofSeconds(readSeconds), Duration.ofSeconds(60),
                Duration.ofSeconds(60));
    }

    private static SocketChannel connect(Path sock) throws IOException {
        return SocketChannel.open(UnixDomainSocketAddress.of(sock));
    }

    /** Reads the answer of a raw connection up to its end: ERR text and the exit code (-1 if none). */
    static Map.Entry<String, Integer> answer(SocketChannel ch) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(1 << 16);
        while (all.hasRemaining() && ch.read(all) >= 0) {
            // until the server closes
        }
        all.flip();
        StringBuilder err = new StringBuilder();
        int exit = -1;
        while (all.remaining() >= 5) {
            byte tag = all.get();
            int n = all.getInt();
            byte[] b = new byte[n];
            all.get(b);
            if (tag == Wire.ERR) {
                err.append(new String(b, StandardCharsets.UTF_8));
            } else if (tag == Wire.EXIT) {
                exit = ByteBuffer.wrap(b).getInt();
            }
        }
        return Map.entry(err.toString(), exit);
    }

    private static ByteBuffer hello() {
        return ByteBuffer.allocate(9).put(Wire.HELLO).putInt(4).putInt(Wire.MAGIC).flip();
    }

    @Test
    void anAnswerOfManyMegabytesArrivesWholeInChunks() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < 25 << 20; i++) {
            sb.append("-A INPUT -s 10.").append(i >> 16 & 255).append('.').append(i >> 8 & 255).append('.')
                    .append(i & 255).append(" -m comment --comment \"r\u00e9gle ").append(i).append(" \u2603\" -j ACCEPT\n");
        }
        String save = sb.toString();
        frontend.answers.put("iptables-save", new CommandFrontend.Result(0, save, ""));
        Path sock = dir.resolve("s");
        try (ControlServer s = open(sock, ControlLimits.DEFAULT, null)) {
            ControlClient c = new ControlClient(sock);
            List<Integer> pieces = new ArrayList<>();
            StringBuilder got = new StringBuilder();
            int exit = c.run(List.of("iptables-save"), null, new ControlClient.Sink() {
                @Override
                public void out(String text) {
                    pieces.add(text.length());
                    got.append(text);
                }

                @Override
                public void err(String text) {
                    got.append("ERR").append(text);
                }
            });
            assertEquals(0, exit);
            assertEquals(save, got.toString());
            assertTrue(pieces.stream().allMatch(n -> n <= Wire.CHUNK), "every piece within a chunk");
            // and the same text as standard input: 25 MB restored through the socket
            assertEquals(0, c.call(List.of("iptables-restore"), save).exit());
            assertEquals(save, frontend.calls().get(1).stdin());
            assertEquals(0, s.budget().used());
            assertTrue(s.budget().peak() <= Wire.MAX_REQUEST, "peak " + s.budget().peak());
        }
    }

    @Test
    void aClaimedLengthIsNeverAllocatedButRefusedWithAClearError() throws IOException {
        Path sock = dir.resolve("s");
        try (ControlServer s = open(sock, ControlLimits.DEFAULT, null); SocketChannel ch = connect(sock)) {
            ch.write(hello());
            ch.write(ByteBuffer.allocate(5).put(Wire.STDIN).putInt(64 << 20).flip());
            Map.Entry<String, Integer> a = answer(ch);
            assertEquals(Wire.EXIT_BAD_REQUEST, a.getValue());
            assertEquals("pkttables: bad request: frame 'I' claims 67108864 bytes; frames are at most 65536\n", a.getKey());
            assertEquals(0, s.budget().peak(), "nothing of the claim was taken");
        }
    }

    @Test
    void aRequestBeyondTheLimitIsRefusedAndTheClientReadsWhy() throws IOException {
        Path sock = dir.resolve("s");
        try (ControlServer s = open(sock, limits(4, 1 << 20, 1 << 20, 15), null)) {
            ControlClient.Result r = new ControlClient(sock).call(List.of("iptables-restore"), "x".repeat(3 << 20));
            assertEquals(new ControlClient.Result(Wire.EXIT_BAD_REQUEST, "", "pkttables: request too large: more "
                    + "than 1 MiB (the control socket's limit per request, pkttables.control.maxRequest)\n"), r);
            assertTrue(s.budget().peak() <= 1 << 20);
            assertEquals(0, s.budget().used());
            assertEquals(new ControlClient.Result(0, "pong\n", ""), new ControlClient(sock).call(List.of("ping"), null));
        }
        assertTrue(frontend.calls().isEmpty());
    }

    @Test
    void connectionsBeyondTheLimitAreToldBusyAndAnIdleClientIsEnded() throws IOException {
        Path sock = dir.resolve("s");
        try (ControlServer s = open(sock, limits(2, 1 << 20, 1 << 20, 1), null);
                SocketChannel idle1 = connect(sock); SocketChannel idle2 = connect(sock)) {
            idle1.write(hello());
            ControlClient.Result busy;
            do { // the two idle connections are being served once the acceptor has taken them
                busy = new ControlClient(sock).call(List.of("ping"), null);
            } while (busy.exit() == 0);
            assertEquals(new ControlClient.Result(Wire.EXIT_BUSY, "", "pkttables: busy: 2 control connections are "
                    + "open, the limit (pkttables.control.maxConnections); try again\n"), busy);
            assertTrue(s.busyRefusals() >= 1);
            // the idle ones owe their request: after the read timeout they are told so and closed
            assertEquals(Map.entry("pkttables: bad request: nothing came from the client for 1 s while it sent "
                    + "its request\n", Wire.EXIT_BAD_REQUEST), answer(idle1));
            assertEquals(Wire.EXIT_BAD_REQUEST, answer(idle2).getValue());
            assertEquals(new ControlClient.Result(0, "pong\n", ""), new ControlClient(sock).call(List.of("ping"), null));
            assertEquals(0, s.failures());
        }
    }

    @Test
    void aCommandWaitingForItsOwnEventsIsNotTimedOut() throws IOException {
        Path sock = dir.resolve("s");
        TestCommands.Body slow = (args, sink) -> {
            Thread.sleep(2500); // longer than the read timeout: the server is silent, not the client
            sink.out("event\n");
            return 0;
        };
        try (ControlServer s = open(sock, limits(2, 1 << 20, 1 << 20, 1), slow)) {
            assertEquals(new ControlClient.Result(0, "event\n", ""), new ControlClient(sock).call(List.of("stream"), null));
        }
    }

    @Test
    void limitsComeFromProperties() {
        Map<String, String> p = Map.of("pkttables.control.maxConnections", "3", "pkttables.control.readTimeoutSeconds", "7");
        ControlLimits l = ControlLimits.from(p::get);
        assertEquals(3, l.maxConnections());
        assertEquals(Duration.ofSeconds(7), l.readTimeout());
        assertEquals(ControlLimits.DEFAULT.maxRequest(), l.maxRequest());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ControlLimits.from(Map.of("pkttables.control.maxRequest", "lots")::get));
        assertEquals("pkttables.control.maxRequest must be a whole number, not 'lots'", e.getMessage());
    }
}
