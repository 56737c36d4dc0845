package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandFrontend;
import org.pkttables.control.client.ControlClient;
import org.pkttables.control.client.Wire;

/**
 * Seeded fuzzing of the control socket's decoders: random, mutated and truncated requests and huge
 * claimed lengths against a real server (and random file replies to its file requests), random
 * answers against the client. The server never takes more than its limits, never fails with an
 * exception in a connection's handler, and answers each client with well-formed frames -- a clear
 * error and an exit code -- or closes the connection; the client only ever reports a broken
 * conversation. Seed and budget: {@code -Dfuzz.seed=N -Dfuzz.iterations=N} (defaults keep CI to a
 * few seconds); the corpus is {@code src/test/resources/fuzz/control}.
 */
class ControlSocketFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261207L);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 600);
    private static final List<String> CORPUS = List.of("ping.bin", "iptables-list.bin", "restore-stdin.bin",
            "cat-file.bin", "copy-files.bin", "huge-stdin-claim.bin", "negative-claim.bin", "truncated-frame.bin",
            "no-go.bin", "old-protocol-pkt1.bin", "word-after-stdin.bin", "go-without-word.bin",
            "answer-frame-in-request.bin", "invalid-utf8-word.bin");
    private static final Set<Integer> ANSWER_TAGS = Set.of((int) Wire.OUT, (int) Wire.ERR, (int) Wire.KEEPALIVE,
            (int) Wire.EXIT, (int) Wire.OPEN_READ, (int) Wire.OPEN_WRITE, (int) Wire.READ_NEXT, (int) Wire.WRITE_DATA,
            (int) Wire.CLOSE);
    private static final byte[] TAGS = {Wire.HELLO, Wire.ARG, Wire.STDIN, Wire.GO, Wire.OPENED, Wire.DATA, Wire.END,
        Wire.CLOSED, Wire.FAILED, Wire.OUT, Wire.EXIT, 0, (byte) 0xff};

    @TempDir
    Path dir;

    /** The file commands of FileFrontend, and everything else answered by the recording frontend. */
    private static final class Frontend implements CommandFrontend {
        final FileFrontend files = new FileFrontend();
        final RecordingFrontend rest = new RecordingFrontend("iptables", "iptables-restore");

        @Override
        public List<String> commands() {
            List<String> all = new ArrayList<>(files.commands());
            all.addAll(rest.commands());
            return all;
        }

        @Override
        public Result run(String command, List<String> args, String stdin) {
            return rest.run(command, args, stdin);
        }

        @Override
        public Result run(String command, List<String> args, String stdin, CallerFiles f) {
            return files.commands().contains(command) ? files.run(command, args, stdin, f) : rest.run(command, args, stdin);
        }
    }

    private static byte[] corpus(String name) throws IOException {
        try (InputStream in = ControlSocketFuzzTest.class.getResourceAsStream("/fuzz/control/" + name)) {
            if (in == null) {
                throw new AssertionError("corpus file fuzz/control/" + name + " missing");
            }
            return in.readAllBytes();
        }
    }

    private static byte[] frame(byte tag, byte[] payload) {
        return ByteBuffer.allocate(5 + payload.length).put(tag).putInt(payload.length).put(payload).array();
    }

    /** One input: a corpus entry as is or mutated, random bytes, random frames, or file replies. */
    private static byte[] input(Random r, List<byte[]> seeds) {
        switch (r.nextInt(6)) {
            case 0: {
                byte[] b = new byte[r.nextInt(200)];
                r.nextBytes(b);
                return b;
            }
            case 1:
                return seeds.get(r.nextInt(seeds.size()));
            case 2:
                return mutate(r, seeds.get(r.nextInt(seeds.size())));
            case 3: { // well-framed, random tags and payloads, some claims far beyond what follows
                ByteBuffer b = ByteBuffer.allocate(1 << 12);
                b.put(frame(Wire.HELLO, ByteBuffer.allocate(4).putInt(Wire.MAGIC).array()));
                int n = r.nextInt(8);
                for (int i = 0; i < n && b.remaining() > 300; i++) {
                    byte tag = TAGS[r.nextInt(TAGS.length)];
                    if (r.nextInt(5) == 0) {
                        b.put(tag).putInt(r.nextInt());
                    } else {
                        byte[] p = new byte[r.nextInt(200)];
                        r.nextBytes(p);
                        b.put(frame(tag, p));
                    }
                }
                return java.util.Arrays.copyOf(b.array(), b.position());
            }
            default: { // a file command, then replies of the client: valid, random or out of order
                byte[] req = seeds.get(r.nextBoolean() ? CORPUS.indexOf("cat-file.bin") : CORPUS.indexOf("copy-files.bin"));
                ByteBuffer b = ByteBuffer.allocate(1 << 13).put(req);
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    byte tag = r.nextInt(3) == 0 ? TAGS[r.nextInt(TAGS.length)]
                            : new byte[] {Wire.OPENED, Wire.DATA, Wire.END, Wire.CLOSED, Wire.FAILED}[r.nextInt(5)];
                    int handle = r.nextInt(4) == 0 ? r.nextInt() : 1 + r.nextInt(2);
                    byte[] p = new byte[r.nextInt(4) == 0 ? 600 : r.nextInt(40)];
                    r.nextBytes(p);
                    ByteBuffer payload = ByteBuffer.allocate(4 + p.length).putInt(handle).put(p);
                    b.put(frame(tag, payload.array()));
                }
                byte[] all = java.util.Arrays.copyOf(b.array(), b.position());
                return r.nextInt(4) == 0 ? mutate(r, all) : all;
            }
        }
    }

    private static byte[] mutate(Random r, byte[] in) {
        byte[] b = in.clone();
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(5)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 2 -> b = java.util.Arrays.copyOf(b, at); // truncate
                case 3 -> { // a length field claims something else
                    if (at + 4 <= b.length) {
                        ByteBuffer.wrap(b).putInt(at, r.nextBoolean() ? r.nextInt() : r.nextInt(1 << 20));
                    }
                }
                default -> { // duplicate a slice
                    int len = Math.min(b.length - at, 1 + r.nextInt(16));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }

    /** Sends {@code input}, ends the sending side, and reads all the server answers (bounded). */
    private static byte[] exchange(Path sock, byte[] input) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(sock))) {
            try {
                ch.write(ByteBuffer.wrap(input));
                ch.shutdownOutput();
            } catch (IOException e) {
                // the server refused early and closed: its answer is still to be read
            }
            ByteBuffer got = ByteBuffer.allocate(1 << 20);
            try {
                while (ch.read(got) >= 0) {
                    if (!got.hasRemaining()) {
                        fail("more than 1 MiB of answer to " + input.length + " bytes of input");
                    }
                }
            } catch (IOException e) {
                // reset after the answer: what came is checked
            }
            return java.util.Arrays.copyOf(got.array(), got.position());
        }
    }

    /** The answer is nothing (closed) or well-formed frames; a refusal ends with an error text and an exit. */
    private static void checkAnswer(byte[] input, byte[] answer) {
        ByteBuffer b = ByteBuffer.wrap(answer);
        boolean exited = false;
        int exit = -1;
        StringBuilder err = new StringBuilder();
        while (b.hasRemaining()) {
            String where = "answer to " + hex(input) + " at byte " + b.position();
            assertTrue(b.remaining() >= 5, "a truncated frame header in the " + where);
            assertTrue(!exited, "frames after the exit code in the " + where);
            int tag = b.get() & 0xff;
            int n = b.getInt();
            assertTrue(ANSWER_TAGS.contains(tag), "tag " + Wire.tagName(tag) + " in the " + where);
            assertTrue(n >= 0 && n <= Wire.MAX_FRAME && n <= b.remaining(), "length " + n + " in the " + where);
            byte[] p = new byte[n];
            b.get(p);
            if (tag == Wire.ERR) {
                err.append(new String(p, StandardCharsets.UTF_8));
            } else if (tag == Wire.EXIT) {
                assertEquals(4, n, "exit frame length in the " + where);
                exit = ByteBuffer.wrap(p).getInt();
                exited = true;
            }
        }
        if (exited && (exit == Wire.EXIT_BAD_REQUEST || exit == Wire.EXIT_BUSY)) {
            assertTrue(err.toString().startsWith("pkttables: ") || err.length() > 0,
                    "a refusal says why: " + err + " for " + hex(input));
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(b.length, 64); i++) {
            sb.append(String.format("%02x", b[i]));
        }
        return sb.append(b.length > 64 ? "... (" + b.length + " bytes)" : "").toString();
    }

    @Test
    void theServerStaysWithinItsLimitsAndAnswersOrClosesForAnyInput() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String c : CORPUS) {
            seeds.add(corpus(c));
        }
        Path sock = dir.resolve("fuzz.sock");
        ControlLimits limits = new ControlLimits(8, 64 << 10, 256 << 10, Duration.ofSeconds(30), Duration.ofSeconds(60),
                Duration.ofSeconds(30));
        Random r = new Random(SEED);
        int answered = 0;
        try (ControlServer s = ControlServer.open(sock, new CommandRouter(TestCommands.of(new Frontend()), () -> null), limits)) {
            for (String c : CORPUS) { // every corpus entry as is, and what the valid ones get
                byte[] a = exchange(sock, corpus(c));
                checkAnswer(corpus(c), a);
            }
            assertTrue(answerOf(exchange(sock, corpus("ping.bin"))).contains("pong"));
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] in = input(r, seeds);
                byte[] a = exchange(sock, in);
                checkAnswer(in, a);
                answered += a.length > 0 ? 1 : 0;
            }
            while (s.connections() > 0) {
                Thread.sleep(10); // the last handlers give their bytes back
            }
            assertEquals(0, s.failures(), "no handler ended in an unexpected exception (seed " + SEED + ")");
            assertTrue(s.budget().peak() <= limits.requestBudget(), "peak " + s.budget().peak());
            assertEquals(0, s.budget().used(), "every request gave its bytes back");
            assertTrue(answered > ITERATIONS / 2, "most inputs get an answer: " + answered);
            assertEquals(new ControlClient.Result(0, "pong\n", ""), new ControlClient(sock).call(List.of("ping"), null));
        }
    }

    private static String answerOf(byte[] answer) {
        return new String(answer, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theClientOnlyReportsABrokenConversationForAnyAnswer() throws Exception {
        Path sock = dir.resolve("fake.sock");
        Random r = new Random(SEED + 1);
        try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            for (int i = 0; i < ITERATIONS / 5; i++) {
                byte[] answer = mutate(r, clientAnswer(r));
                Thread t = new Thread(() -> {
                    try (SocketChannel c = server.accept()) {
                        c.write(ByteBuffer.wrap(answer));
                        c.shutdownOutput();
                        ByteBuffer sink = ByteBuffer.allocate(1 << 16);
                        while (c.read(sink) >= 0) {
                            sink.clear(); // the client's request and replies
                        }
                    } catch (IOException e) {
                        // the client gave up on the answer: that is its business
                    }
                });
                t.start();
                try {
                    ControlClient.Result res = new ControlClient(sock, dir).call(List.of("cat", "x"), null);
                    assertTrue(res.exit() != Integer.MIN_VALUE);
                } catch (ControlClient.Broken e) {
                    assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
                }
                t.join();
            }
        }
    }

    /** A plausible answer: output, errors, file requests for names under the temp dir, an exit. */
    private static byte[] clientAnswer(Random r) {
        ByteBuffer b = ByteBuffer.allocate(1 << 12);
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            byte tag = new byte[] {Wire.OUT, Wire.ERR, Wire.KEEPALIVE, Wire.OPEN_READ, Wire.OPEN_WRITE, Wire.READ_NEXT,
                Wire.WRITE_DATA, Wire.CLOSE, 'Q'}[r.nextInt(9)];
            byte[] name = ("f" + r.nextInt(3)).getBytes(StandardCharsets.UTF_8);
            b.put(frame(tag, ByteBuffer.allocate(4 + name.length).putInt(1 + r.nextInt(2)).put(name).array()));
        }
        b.put(frame(Wire.EXIT, ByteBuffer.allocate(4).putInt(r.nextInt(3)).array()));
        return java.util.Arrays.copyOf(b.array(), b.position());
    }
}
