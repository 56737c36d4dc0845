package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.pkttables.io.pcap.PcapReader;
import org.pkttables.io.pcap.PcapWriter;
import org.pkttables.tables.testing.Frames;

/**
 * The control plane of {@code bin/pkttables run} under abuse, end to end (issue 11, findings 4, 5, 7):
 * hundreds of connections claiming 64 MiB leave the appliance small and answering; an answer of
 * 25 MB arrives whole through {@code ctl}; {@code ctl} exits 4 only when nothing answers; and a file a
 * command reads or writes is opened by the {@code ctl} process, so a caller without access to a
 * root-only file cannot reach it through the appliance.
 */
class ControlPlaneIT {
    private static final long ONE_GB = 1L << 30;

    @RegisterExtension
    final Lab lab = Lab.launcher();
    private Path home;
    private RunningAppliance appliance;

    @BeforeEach
    void home() throws IOException {
        // Traversable by others: the non-root caller of the file test reaches the socket and its own files here.
        home = lab.home();
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void twoHundredConnectionsClaiming64MiBLeaveTheApplianceSmallAndAnswering() throws Exception {
        start();
        long pid = appliance.pid();
        long threadsBefore = status(pid, "Threads");
        List<SocketChannel> attackers = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket()));
                attackers.add(c);
                ByteBuffer b = ByteBuffer.allocate(1 << 10);
                switch (i % 4) {
                    case 0 -> // the request of the old protocol: magic, one word, 64 MiB of stdin claimed
                        b.putInt(0x504B5431).putInt(1).putInt(16).put("iptables-restore".getBytes(StandardCharsets.US_ASCII))
                                .putInt(64 << 20);
                    case 1 -> // a stdin frame claiming 64 MiB
                        hello(b).put((byte) 'I').putInt(64 << 20);
                    case 2 -> // a legal 64 KiB frame, 100 bytes of it sent, then silence
                        hello(b).put((byte) 'I').putInt(64 << 10).put(new byte[100]);
                    default -> // a word claimed, never sent
                        hello(b).put((byte) 'A').putInt(60_000);
                }
                try {
                    c.write(b.flip());
                } catch (IOException e) {
                    // already refused (busy, or a claim beyond a frame) and closed by the appliance
                }
            }
            // and some that really send: 8 MiB of standard input each, in legal frames, never finished
            for (int i = 0; i < 16; i++) {
                SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket()));
                attackers.add(c);
                ByteBuffer b = hello(ByteBuffer.allocate(1 << 17));
                b.put((byte) 'A').putInt(16).put("iptables-restore".getBytes(StandardCharsets.US_ASCII));
                try {
                    c.write(b.flip());
                } catch (IOException e) {
                    continue; // refused as busy
                }
                ByteBuffer chunk = ByteBuffer.allocate(5 + (64 << 10));
                for (int k = 0; k < 128; k++) {
                    chunk.clear();
                    chunk.put((byte) 'I').putInt(64 << 10).position(chunk.limit());
                    chunk.flip();
                    try {
                        while (chunk.hasRemaining()) {
                            c.write(chunk);
                        }
                    } catch (IOException e) {
                        break; // refused (busy, or at the request budget) and closed: that is the point
                    }
                }
            }
            // While they are all held: the appliance answers at once -- pong, or busy with its reason.
            Proc.Result ping = lab.ctl("ping");
            assertTrue(ping.exit() == 0 || ping.exit() == 75 && ping.err().contains("busy"),
                    "ping while attacked: exit " + ping.exit() + ": " + ping.err());
            long rss = status(pid, "VmRSS") << 10;
            long threads = status(pid, "Threads");
            assertTrue(rss < ONE_GB, "appliance RSS under attack " + (rss >> 20) + " MiB");
            assertTrue(threads <= threadsBefore + 64 + 16, "threads " + threadsBefore + " -> " + threads);
        } finally {
            for (SocketChannel c : attackers) {
                c.close();
            }
        }
        waitFor("ping to answer pong after the attack", () -> lab.ctl("ping").exit() == 0, 120);
        assertOk(lab.ctl("iptables", "-S"));
        long peak = status(pid, "VmHWM") << 10;
        assertTrue(peak < ONE_GB, "appliance peak RSS (VmHWM) " + (peak >> 20) + " MiB");
        assertFalse(appliance.log().contains("OutOfMemoryError"));
    }

    private static ByteBuffer hello(ByteBuffer b) {
        return b.put((byte) 'P').putInt(4).putInt(0x504B5432);
    }

    @Test
    void aTwentyFiveMegabyteSaveArrivesWholeThroughCtl() throws Exception {
        start();
        Path rules = home.resolve("big.v4");
        List<String> appended = new ArrayList<>();
        StringBuilder sb = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        String filler = "long comment text for the twenty five megabyte answer test of the control socket ".repeat(3);
        for (int i = 0; i < 95_000; i++) {
            String rule = "-A INPUT -s 10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)
                    + "/32 -p tcp -m tcp --dport " + (1 + i % 65000) + " -m comment --comment \"rule " + i + " "
                    + filler.substring(0, 200) + "\" -j ACCEPT";
            appended.add(rule);
            sb.append(rule).append('\n');
        }
        sb.append("COMMIT\n");
        Files.writeString(rules, sb);
        assertOk(lab.ctl("iptables-restore", rules.toString()));

        Path saved = home.resolve("saved.v4");
        List<String> cmd = appliance.ctlCommand("iptables-save");
        Process p = new ProcessBuilder(cmd).directory(Proc.ROOT.toFile()).redirectOutput(saved.toFile())
                .redirectError(home.resolve("save.err").toFile()).start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "iptables-save finished");
        assertEquals(0, p.exitValue(), Files.readString(home.resolve("save.err")));
        long size = Files.size(saved);
        assertTrue(size > 25_000_000, "iptables-save printed " + size + " bytes");
        List<String> got = Files.readAllLines(saved).stream().filter(l -> l.startsWith("-A INPUT")).toList();
        assertEquals(appended.size(), got.size());
        assertEquals(appended, got, "every rule arrived, in order, byte for byte");
    }

    @Test
    void ctlExitsFourOnlyWhenNothingAnswers() throws Exception {
        Proc.Result none = lab.ctl("ping");
        assertEquals(4, none.exit(), none.err());
        assertTrue(none.err().contains("is 'bin/pkttables run' running?"), none.err());
        start();
        Proc.Result failing = lab.ctl("iptables", "-A", "NOPE", "-j", "DROP");
        assertEquals(1, failing.exit(), failing.err());
        assertEquals("iptables: No chain/target/match by that name.\n", failing.err()); // iptables 1.8.9's words
        Proc.Result usage = lab.ctl("iptables", "-Q");
        assertEquals(2, usage.exit(), usage.err());
        Proc.Result unknown = lab.ctl("nosuch");
        assertEquals(127, unknown.exit(), unknown.err());
    }

    @Test
    void fileCommandsCannotTouchARootOnlyFileForTheirCaller() throws Exception {
        assumeTrue(Lab.uid() == 0, "ControlPlaneIT's file test runs ctl as `nobody` with setpriv: needs root, skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) not installed: skipped");
        start();
        // Let the unprivileged caller connect: the socket is the appliance's, its files are the caller's.
        Files.setPosixFilePermissions(socket(), PosixFilePermissions.fromString("rw-rw-rw-"));
        Path secret = Files.createDirectory(home.resolve("secret"));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
        Path setFile = secret.resolve("sets.txt");
        Files.writeString(setFile, "create stolen hash:ip\nadd stolen 10.9.9.9\n");
        Path pcap = secret.resolve("capture.pcap");
        writePcap(pcap);
        Path profiles = secret.resolve("profiles.txt");
        Files.writeString(profiles, "secretprofile: tcp dport 4242 TOPSECRETWORD\n");
        for (Path f : List.of(setFile, pcap, profiles)) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        }
        Path open = Files.createDirectory(home.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path publicPcap = open.resolve("public.pcap");
        writePcap(publicPcap);
        Files.setPosixFilePermissions(publicPcap, PosixFilePermissions.fromString("rw-r--r--"));

        Proc.Result r = asNobody("ipset", "restore", "-file", setFile.toString());
        assertDenied(r, setFile);
        assertFalse(lab.ctl("ipset", "list", "-n").out().contains("stolen"), "nothing of the file was restored");

        assertDenied(asNobody("ipset", "save", "-file", secret.resolve("out.txt").toString()), secret.resolve("out.txt"));
        assertFalse(Files.exists(secret.resolve("out.txt")));

        assertDenied(asNobody("replay", pcap.toString()), pcap);
        assertDenied(asNobody("replay", "--out", secret.resolve("out.pcap").toString(), publicPcap.toString()),
                secret.resolve("out.pcap"));
        assertFalse(Files.exists(secret.resolve("out.pcap")));

        assertDenied(asNobody("gen", "--count", "1", "--pcap", secret.resolve("gen.pcap").toString()),
                secret.resolve("gen.pcap"));
        assertFalse(Files.exists(secret.resolve("gen.pcap")));
        r = asNobody("gen", "--profiles", profiles.toString(), "--profile", "secretprofile", "--count", "1");
        assertDenied(r, profiles);
        assertFalse(r.err().contains("TOPSECRETWORD") || r.out().contains("TOPSECRETWORD"), r.err());

        // The same commands work on the caller's own files, and what they write is the caller's.
        Path genOut = open.resolve("gen.pcap");
        assertOk(asNobody("gen", "--count", "2", "--pcap", genOut.toString()));
        assertEquals(65534, (Integer) Files.getAttribute(genOut, "unix:uid"), "written by the caller, as the caller");
        assertOk(asNobody("replay", "--out", open.resolve("replayed.pcap").toString(), publicPcap.toString()));
        assertEquals(65534, (Integer) Files.getAttribute(open.resolve("replayed.pcap"), "unix:uid"));
        // and root's ctl reaches root's files
        assertOk(lab.ctl("ipset", "restore", "-file", setFile.toString()));
        assertTrue(lab.ctl("ipset", "list", "-n").out().contains("stolen"));
    }

    private static void assertDenied(Proc.Result r, Path file) {
        assertEquals(true, r.exit() != 0 && r.exit() != 4, "refused with the command's own code: " + r);
        assertTrue(r.err().contains(file + ": Permission denied"), r.err());
    }

    private Proc.Result asNobody(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                ProcessHandle.current().info().command().orElse("java"), "-cp", Proc.builtJar("control").toString(),
                "org.pkttables.control.client.Ctl", "--socket", socket().toString()));
        cmd.addAll(List.of(args));
        return Proc.exec(cmd, null);
    }

    private static void writePcap(Path pcap) throws IOException {
        try (PcapWriter w = new PcapWriter(pcap, PcapReader.LINKTYPE_ETHERNET)) {
            byte[] f = Frames.ipv4("192.0.2.1", "10.0.0.1").udp(4000, 53).build();
            w.write(1_000_000L, f, 0, f.length);
        }
    }

    /** A field of /proc/PID/status, in its unit (kB for memory). */
    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no " + field + " in /proc/" + pid + "/status");
    }

    private void start() throws Exception {
        appliance = lab.launch("run");
        appliance.awaitCtl("the control socket to answer", 120, r -> r.exit() == 0, "ping");
    }

    private Path socket() {
        return home.resolve("ctl.sock");
    }
}
