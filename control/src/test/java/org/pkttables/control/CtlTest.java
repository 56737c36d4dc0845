package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend;
import org.pkttables.control.client.CtlAccess;

/** The {@code bin/pkttables ctl} main class against a real control socket. */
class CtlTest {
    @TempDir
    Path dir;

    private final RecordingFrontend frontend = new RecordingFrontend("iptables", "iptables-restore");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int ctl(String... argv) {
        return CtlAccess.run(List.of(argv), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private ControlServer open(Path sock) throws IOException {
        return ControlServer.open(sock, new CommandRouter(TestCommands.of(frontend), () -> null));
    }

    @Test
    void printsOutputAndErrorSeparatelyAndExitsWithTheCommandsCode() throws IOException {
        frontend.answers.put("iptables", new CommandFrontend.Result(1, "some\n", "iptables: No chain/target/match by that name.\n"));
        Path sock = dir.resolve("s");
        try (ControlServer s = open(sock)) {
            assertEquals(1, ctl("--socket", sock.toString(), "iptables", "-A", "NOPE", "-j", "DROP"));
        }
        assertEquals("some\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("iptables: No chain/target/match by that name.\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void restoreSendsTheFileAsStdinAndKeepsTheOptions() throws IOException {
        Path rules = Files.writeString(dir.resolve("rules.v4"), "*filter\nCOMMIT\n");
        Path sock = dir.resolve("s");
        try (ControlServer s = open(sock)) {
            assertEquals(0, ctl("--socket", sock.toString(), "iptables-restore", "--noflush", rules.toString()));
            assertEquals(1, ctl("--socket", sock.toString(), "iptables-restore", dir.resolve("nope").toString()));
        }
        assertEquals(List.of(new RecordingFrontend.Call("iptables-restore", List.of("--noflush"), "*filter\nCOMMIT\n")),
                frontend.calls());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot open"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnreachableApplianceIsExit4WithAHint() {
        assertEquals(4, ctl("--socket", dir.resolve("none.sock").toString(), "iptables", "-S"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is 'bin/pkttables run' running?"));
    }

    @Test
    void aStaleSocketFileIsAlsoUnreachable() throws IOException {
        Path sock = dir.resolve("stale.sock");
        java.nio.channels.ServerSocketChannel ch = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        ch.bind(java.net.UnixDomainSocketAddress.of(sock));
        ch.close(); // the file stays, nobody listens
        assertEquals(4, ctl("--socket", sock.toString(), "ping"));
    }

    @Test
    void aConnectionThatBreaksIsNotCalledUnreachable() throws Exception {
        Path sock = dir.resolve("b.sock");
        try (java.nio.channels.ServerSocketChannel ch = java.nio.channels.ServerSocketChannel.open(
                java.net.StandardProtocolFamily.UNIX)) {
            ch.bind(java.net.UnixDomainSocketAddress.of(sock));
            Thread t = new Thread(() -> {
                try (java.nio.channels.SocketChannel c = ch.accept()) {
                    c.write(java.nio.ByteBuffer.wrap(new byte[] {'O', 0, 0, 0, 3, 'a', 'b', 'c'}));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            t.start();
            int exit = ctl("--socket", sock.toString(), "iptables-save");
            t.join();
            assertEquals(76, exit);
        }
        assertEquals("abc", out.toString(StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("closed the connection before the command's exit code"), e);
        assertTrue(!e.contains("is 'bin/pkttables run' running?"), e);
    }

    @Test
    void aBusyApplianceSaysSoWithItsOwnCode() throws IOException {
        Path sock = dir.resolve("s");
        try (ControlServer s = ControlServer.open(sock, new CommandRouter(TestCommands.of(frontend), () -> null), new ControlLimits(1, 1 << 20, 1 << 20,
                        java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(60)));
                java.nio.channels.SocketChannel idle = java.nio.channels.SocketChannel.open(
                        java.net.UnixDomainSocketAddress.of(sock))) {
            int exit;
            do {
                err.reset();
                exit = ctl("--socket", sock.toString(), "ping");
            } while (exit == 0); // until the acceptor has taken the idle connection
            assertEquals(75, exit);
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("busy"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWordLongerThanAFrameIsRefusedBeforeConnecting() {
        assertEquals(2, ctl("--socket", dir.resolve("none.sock").toString(), "iptables", "x".repeat(70_000)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("a word has at most 65536"), err.toString(StandardCharsets.UTF_8));
    }
}
