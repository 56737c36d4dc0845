package org.pkttables.io.ports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;
import org.pkttables.io.frames.VnetHeader;

/**
 * A mode's port on a veth pair made for the test (needs root; skips without), read through its own packet
 * socket ({@link PacketSocketRx}, the default) and through libpcap ({@code -Dpkttables.rx=pcap}): a frame
 * sent on one end arrives byte for byte on the other and not on the sender's own receive path; a TCP
 * super-frame sent whole (GSO) arrives whole with its partial checksum as sent, the same on both paths;
 * the kernel's counts reach the counters.
 */
class PacketSocketRxTest {
    private final String a = "psr" + ProcessHandle.current().pid() + "a";
    private final String b = "psr" + ProcessHandle.current().pid() + "b";
    private boolean made;
    private Port pa;
    private Port pb;

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
        // A frame sent before the pair has its carrier is dropped by the veth: wait for it.
        for (int i = 0; i < 200 && !(up(a) && up(b)); i++) {
            Thread.sleep(10);
        }
        assertTrue(up(a) && up(b), "the veth pair " + a + "/" + b + " came up");
    }

    private static boolean up(String dev) throws IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/sys/class/net", dev, "operstate")).trim()
                .equals("up");
    }

    @AfterEach
    void remove() throws Exception {
        System.clearProperty(Port.RX_PROPERTY);
        if (pa != null) {
            pa.close();
        }
        if (pb != null) {
            pb.close();
        }
        if (made) {
            run("ip", "link", "del", a);
        }
    }

    private void open(String rx) throws Exception {
        System.setProperty(Port.RX_PROPERTY, rx);
        pa = new Port(0, a);
        pb = new Port(1, b);
        pa.open(1 << 20);
        pb.open(1 << 20);
        String want = rx.equals("socket") ? "own packet socket" : "libpcap";
        assertTrue(pa.rxPath().startsWith(want), a + " reads through " + pa.rxPath());
        assertTrue(pb.rxPath().startsWith(want), b + " reads through " + pb.rxPath());
        assertNull(pb.ignoreOutgoing());
        assertNull(pa.ignoreOutgoing());
    }

    /** The next frame of {@code p} with ethertype 0x88b5 or IPv4/TCP, within 2 s; null when none came. */
    private static byte[] receive(Port p, boolean tcp) throws InterruptedException {
        byte[] buf = new byte[1 << 17];
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
            int len = p.next();
            assertTrue(len >= 0, "reading " + p.name + ": " + (len < 0 ? p.readFailure() : ""));
            if (len == 0) {
                Thread.sleep(5);
                continue;
            }
            p.read(buf, len);
            boolean match = tcp ? len > 34 && buf[12] == 0x08 && buf[13] == 0 && buf[23] == 6
                    : len >= 14 && buf[12] == (byte) 0x88 && buf[13] == (byte) 0xb5;
            if (match) {
                return Arrays.copyOf(buf, len);
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket", "pcap"})
    void aFrameSentOnOneEndArrivesOnTheOtherOnly(String rx) throws Exception {
        open(rx);
        byte[] frame = new byte[60];
        Arrays.fill(frame, 0, 6, (byte) 0xff); // broadcast
        frame[6] = 0x02;
        frame[11] = 0x42;
        frame[12] = (byte) 0x88;
        frame[13] = (byte) 0xb5; // local experimental ethertype: nothing else sends it
        for (int i = 14; i < frame.length; i++) {
            frame[i] = (byte) i;
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(pa.send(frame, frame.length), "send on " + a);
        }
        TxBatch batch = pa.txBatch();
        assertTrue(batch instanceof MmsgTxBatch, "sendmmsg batches on " + a + ": " + batch.getClass());
        batch.add(frame, frame.length);
        batch.flush();
        assertEquals(1, batch.sent, "the batched frame went out");
        for (int i = 0; i < 4; i++) {
            byte[] got = receive(pb, false);
            assertNotNull(got, "frame " + i + " sent on " + a + " never arrived on " + b + " (" + rx + ")");
            assertArrayEquals(frame, got);
        }
        assertNull(receive(pa, false), a + " does not read the frames it sent (" + rx + ")");
        pb.stats();
        assertTrue(pb.counters.get(Port.PCAP_RECV) >= 4, "the kernel's count: " + pb.counters.get(Port.PCAP_RECV));
        assertEquals(0, pb.counters.get(Port.PCAP_DROP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket", "pcap"})
    void aTcpSuperFrameArrivesWholeWithItsPartialChecksum(String rx) throws Exception {
        open(rx);
        assertNull(pa.openGso(), "GSO socket on " + a);
        int payload = 6000;
        byte[] f = new byte[14 + 20 + 20 + payload];
        for (int i = 0; i < 6; i++) {
            f[i] = (byte) (0x02 + i);
            f[6 + i] = (byte) (0x12 + i);
        }
        f[12] = 0x08;
        f[14] = 0x45;
        f[16] = (byte) ((20 + 20 + payload) >>> 8);
        f[17] = (byte) (20 + 20 + payload);
        f[20] = 0x40;
        f[22] = 64;
        f[23] = 6;
        byte[] addrs = {10, 9, 0, 1, 10, 9, 0, 2};
        System.arraycopy(addrs, 0, f, 26, 8);
        Checksums.ipv4Header(f, 14);
        f[34] = (byte) 0x9c;
        f[35] = 0x40;
        f[37] = 80;
        f[46] = 0x50; // 20-byte header
        f[47] = 0x10; // ACK
        f[48] = (byte) 0xff;
        for (int i = 54; i < f.length; i++) {
            f[i] = (byte) (i * 7 + 3);
        }
        PacketContext p = new PacketContext(0);
        p.reset(f, 0, f.length);
        p.setL2(0);
        p.setFamily(Family.IPV4);
        p.setL3(14, 0x0800);
        p.setL4(34, 6);
        byte[] vnet = new byte[VnetHeader.LENGTH];
        assertTrue(VnetHeader.prepare(p, 1448, vnet));
        assertTrue(pa.sendGso(vnet, f, 0, f.length), "GSO send on " + a);
        byte[] got = receive(pb, true);
        assertNotNull(got, "the super-frame sent on " + a + " never arrived on " + b + " (" + rx + ")");
        assertEquals(f.length, got.length, "whole, not cut (" + rx + ")");
        assertArrayEquals(f, got, "byte for byte, the partial checksum as sent (" + rx + ")");
    }

    @Test
    void anUnknownReceivePathIsRefused() throws Exception {
        System.setProperty(Port.RX_PROPERTY, "ring");
        pa = new Port(0, a);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pa.open(1 << 20));
        assertTrue(e.getMessage().contains("pkttables.rx=ring"), e.getMessage());
    }
}
