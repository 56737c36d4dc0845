package org.pkttables.io.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port API gen uses, on a veth pair made for the test (needs root and libpcap; skips without).
 * A frame sent on one end arrives, byte for byte, at a capture on the other; stop ends the capture.
 */
class LiveInterfaceTest {
    private final String a = "lvi" + ProcessHandle.current().pid() + "a";
    private final String b = "lvi" + ProcessHandle.current().pid() + "b";
    private boolean made;

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out);
        }
        return out;
    }

    @BeforeEach
    void veth() throws Exception {
        assumeTrue("0".equals(run("id", "-u").trim()), "needs root for a veth pair: skipped");
        try {
            run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
        } catch (IOException e) {
            assumeTrue(false, "cannot make a veth pair (" + e.getMessage().trim() + "): skipped");
        }
        made = true;
        run("ip", "link", "set", a, "up");
        run("ip", "link", "set", b, "up");
    }

    @AfterEach
    void remove() throws Exception {
        if (made) {
            run("ip", "link", "del", a);
        }
    }

    private static LiveInterface open(String dev, boolean inboundOnly) throws IOException {
        try {
            return LiveInterface.open(dev, 256, 1 << 20, inboundOnly);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            assumeTrue(false, "libpcap not loadable (" + e + "): skipped");
            throw e;
        }
    }

    @Test
    void aFrameSentOnOneEndIsCapturedOnTheOther() throws Exception {
        byte[] frame = new byte[60];
        Arrays.fill(frame, 0, 6, (byte) 0xff); // broadcast
        frame[6] = 0x02;
        frame[11] = 0x42;
        frame[12] = (byte) 0x88;
        frame[13] = (byte) 0xb5; // local experimental ethertype: nothing else sends it
        for (int i = 14; i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        BlockingQueue<byte[]> seen = new ArrayBlockingQueue<>(1000);
        try (LiveInterface send = open(a, false); LiveInterface cap = open(b, true)) {
            Throwable[] failed = new Throwable[1];
            Thread t = new Thread(() -> {
                try {
                    cap.capture((f, len) -> seen.offer(Arrays.copyOf(f, len)));
                } catch (IOException | RuntimeException e) {
                    failed[0] = e;
                }
            }, "live-interface-test");
            t.start();
            byte[] got = null;
            for (int attempt = 0; attempt < 50 && got == null; attempt++) {
                assertTrue(send.send(frame, frame.length), "send on " + a);
                byte[] f;
                while ((f = seen.poll(100, TimeUnit.MILLISECONDS)) != null) {
                    if (f.length >= 14 && f[12] == (byte) 0x88 && f[13] == (byte) 0xb5) {
                        got = f;
                        break;
                    }
                }
            }
            assertNotNull(got, "the frame sent on " + a + " never arrived on " + b);
            assertArrayEquals(frame, got);
            long[] stats = cap.stats();
            assertNotNull(stats);
            assertTrue(stats[0] >= 1, "libpcap counted what it received: " + Arrays.toString(stats));
            cap.stop();
            t.join(5000);
            assertTrue(!t.isAlive(), "stop ended the capture");
            assertNull(failed[0]);
        }
    }

    @Test
    void anUnknownInterfaceIsRefusedWithLibpcapsMessage() {
        IOException e = assertThrows(IOException.class, () -> open("nosuch" + ProcessHandle.current().pid(), true));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a message: " + e);
    }
}
