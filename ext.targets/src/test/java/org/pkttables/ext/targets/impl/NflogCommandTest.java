package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Packets;
import org.pkttables.tables.testing.Harness;

/**
 * {@code nflog --pcap}: packets of an NFLOG rule's group through the core into a capture file in
 * tcpdump's {@code -i nflog:N} format, read back byte by byte and, where installed, by tcpdump itself.
 */
class NflogCommandTest {
    @TempDir
    Path dir;

    @Test
    void capturesTheGroupsPacketsAsTcpdumpWouldWriteThem() throws Exception {
        NflogTargetType t = new NflogTargetType();
        Harness h = new Harness().with(new Ipv4Handler(), t);
        assertEquals(0, h.sh("iptables -A INPUT -p udp -j NFLOG --nflog-group 5 --nflog-prefix 'in udp'").exit());
        assertEquals(0, h.sh("iptables -A INPUT -p tcp -j NFLOG --nflog-group 6").exit());
        NflogCommand cmd = new NflogCommand(c -> {
            t.addListener(c, Map.of(org.pkttables.ext.targets.api.NflogListener.GROUP, c.group()));
            return () -> t.removeListener(c);
        });
        CompletableFuture<CommandFrontend.Result> run = CompletableFuture.supplyAsync(() -> cmd.run(
                List.of("--group", "5", "--pcap", "out.pcap", "--count", "2", "--timeout", "20"), "",
                CallerFiles.local(dir)));
        byte[] udp = Packets.ipv4(17, Packets.udp(1111, 53));
        // until the capture has subscribed (its first packet arrives), then one more
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!run.isDone() && System.nanoTime() < deadline) {
            assertEquals(Verdict.ACCEPT, h.inject(Family.IPV4, Hook.INPUT, udp, "eth0", null));
            h.inject(Family.IPV4, Hook.INPUT, Packets.ipv4(6, Packets.tcp(1, 2, 0x02)), "eth0", null);
            Thread.sleep(20);
        }
        CommandFrontend.Result r = run.get(20, TimeUnit.SECONDS);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("\n2 packets captured\n"), r.err());

        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("out.pcap"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xa1b2c3d4, b.getInt());
        b.position(20);
        assertEquals(NflogPcap.LINKTYPE_NFLOG, b.getInt());
        for (int n = 0; n < 2; n++) {
            b.position(b.position() + 8);
            int incl = b.getInt();
            assertEquals(incl, b.getInt(), "nothing cut");
            int end = b.position() + incl;
            assertEquals(NflogPcap.AF_INET, b.get());
            assertEquals(0, b.get());
            assertEquals(5, b.order(ByteOrder.BIG_ENDIAN).getShort());
            b.order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(8, b.getShort());
            assertEquals(NflogPcap.NFULA_PACKET_HDR, b.getShort());
            assertEquals(0x0800, b.order(ByteOrder.BIG_ENDIAN).getShort() & 0xffff);
            b.order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(Hook.INPUT.ordinal(), b.get());
            b.get();
            assertEquals(4 + 7, b.getShort());
            assertEquals(NflogPcap.NFULA_PREFIX, b.getShort());
            byte[] prefix = new byte[7];
            b.get(prefix);
            assertEquals("in udp\0", new String(prefix, StandardCharsets.UTF_8));
            b.position(b.position() + 1); // padding to 4
            assertEquals(4 + udp.length - 14, b.getShort(), "the payload from the IP header");
            assertEquals(NflogPcap.NFULA_PAYLOAD, b.getShort());
            byte[] payload = new byte[udp.length - 14];
            b.get(payload);
            assertEquals(ByteBuffer.wrap(udp, 14, udp.length - 14), ByteBuffer.wrap(payload));
            b.position(end);
        }
        assertEquals(0, b.remaining());
        tcpdumpReads(dir.resolve("out.pcap"));
    }

    /** tcpdump, where installed, reads the file as two UDP packets of NFLOG group 5. */
    private static void tcpdumpReads(Path file) throws IOException, InterruptedException {
        Path tcpdump = Path.of("/usr/bin/tcpdump");
        assumeTrue(Files.isExecutable(tcpdump), "tcpdump not installed: the file's format was checked byte by byte only");
        Process p = new ProcessBuilder(tcpdump.toString(), "-n", "-r", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("link-type NFLOG"), out);
        assertEquals(2, out.lines().filter(l -> l.contains(".1111 > ") && l.contains(".53: ")).count(), out);
    }

    @Test
    void aFullRingDropsAndCounts() {
        NflogCapture c = new NflogCapture(1, 2);
        byte[] f = Packets.ipv4(17, Packets.udp(1, 2));
        for (int i = 0; i < 5; i++) {
            c.packet(1, "", Packets.ctx4(f), -1);
        }
        c.packet(2, "", Packets.ctx4(f), -1); // another group: not this capture's
        assertEquals(5, c.received());
        assertEquals(3, c.dropped());
        assertEquals(f.length - 14, c.poll().length);
        c.release();
        assertTrue(c.poll() != null);
        c.release();
        assertEquals(null, c.poll());
        c.packet(1, "", Packets.ctx4(f), 20);
        NflogCapture.Packet p = c.poll();
        assertEquals(20, p.length, "--nflog-size cuts the payload");
        assertEquals(f.length - 14, p.originalLength);
    }

    @Test
    void badArgumentsAreNamed() {
        NflogCommand cmd = new NflogCommand(c -> () -> { });
        CommandFrontend.Result r = cmd.run(List.of("--group", "70000", "--pcap", "x"), "", CallerFiles.local(dir));
        assertEquals(2, r.exit());
        assertEquals("nflog: --group needs a number 0..65535, not `70000'\n", r.err());
        r = cmd.run(List.of("--group", "1"), "", CallerFiles.local(dir));
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("nflog: --pcap FILE is required"), r.err());
    }
}
