package org.pkttables.e2e;

import static org.pkttables.e2e.DiffVocab.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel side of the differential test: namespace R is a router (r0: sender side, r1: sink side,
 * static routes and neighbours so no ARP/ND runs) with the generated ruleset; namespace E holds both
 * ends (e0, e1; no addresses, IPv6 off, so it sends nothing of its own). One python3 process in E sends
 * every frame from the side it belongs to and captures what the router forwards, pinned to one CPU so
 * the router sees the frames in order (conntrack state depends on it).
 */
final class KernelRouterLab implements AutoCloseable {
    /** What the router forwarded: packet id -> IP packet (from the IP header) as captured on the far side. */
    record Delivered(Map<Integer, byte[]> byId) {
    }

    private final Netns net = new Netns("kdiff");
    private final Path home;
    private String r;
    private String e;

    /** @param home where the sender script and its frames are written */
    KernelRouterLab(Path home) throws Exception {
        this.home = home;
        try {
            build();
        } catch (Exception | AssertionError e) {
            // the constructor did not return, so no one else can close what it made
            close();
            throw e;
        }
    }

    private void build() throws Exception {
        r = net.add("r");
        e = net.add("e");
        // IPv6 off in E before its links exist: no DAD, MLD or router solicitations from the ends
        Netns.noIpv6(e);
        Netns.veth(r, "r0", R0_MAC, e, "e0", E0_MAC);
        Netns.veth(r, "r1", R1_MAC, e, "e1", E1_MAC);
        for (String[] c : new String[][] {
            { "ip", "netns", "exec", r, "sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1",
                "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0", "net.ipv4.conf.r0.rp_filter=0",
                "net.ipv4.conf.r1.rp_filter=0" },
            { "ip", "-n", r, "addr", "add", "10.1.0.1/24", "dev", "r0" },
            { "ip", "-n", r, "addr", "add", "10.2.0.1/24", "dev", "r1" },
            { "ip", "-n", r, "addr", "add", "fd01::1/64", "dev", "r0", "nodad" },
            { "ip", "-n", r, "addr", "add", "fd02::1/64", "dev", "r1", "nodad" },
            { "ip", "-n", r, "link", "set", "r0", "up" },
            { "ip", "-n", r, "link", "set", "r1", "up" },
            { "ip", "-n", e, "link", "set", "e0", "up" },
            { "ip", "-n", e, "link", "set", "e1", "up" },
            { "ip", "-n", r, "neigh", "replace", "10.1.0.2", "lladdr", E0_MAC, "dev", "r0", "nud", "permanent" },
            { "ip", "-n", r, "neigh", "replace", "10.2.0.2", "lladdr", E1_MAC, "dev", "r1", "nud", "permanent" },
            { "ip", "-n", r, "neigh", "replace", "fd01::2", "lladdr", E0_MAC, "dev", "r0", "nud", "permanent" },
            { "ip", "-n", r, "neigh", "replace", "fd02::2", "lladdr", E1_MAC, "dev", "r1", "nud", "permanent" },
            { "ip", "-n", r, "route", "add", "10.4.0.0/16", "via", "10.1.0.2", "dev", "r0" },
            { "ip", "-n", r, "route", "add", "10.3.0.0/16", "via", "10.2.0.2", "dev", "r1" },
            { "ip", "-n", r, "-6", "route", "add", "fd04::/64", "via", "fd01::2", "dev", "r0" },
            { "ip", "-n", r, "-6", "route", "add", "fd03::/64", "via", "fd02::2", "dev", "r1" } }) {
            Lab.sh(c);
        }
    }

    /** The python3 the sender script runs with. */
    static String python() throws Exception {
        return Lab.sh("python3", "-c", "import sys; print(sys.executable)").out().trim();
    }

    /** The seeds a differential runs: the system property {@code property} (N,M,...) or {@code dflt}. */
    static long[] seeds(String property, long[] dflt) {
        String v = System.getProperty(property);
        return v == null ? dflt : java.util.Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** Runs a command inside the router namespace; it must succeed. */
    Proc.Result inRouter(String stdin, String... cmd) throws Exception {
        Proc.Result res = Proc.exec(Netns.inNs(r, cmd), stdin);
        if (res.exit() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " in the router namespace failed (exit " + res.exit() + "): "
                    + res.err() + res.out() + (stdin == null ? "" : "\ninput was:\n" + stdin));
        }
        return res;
    }

    /** Sends every packet from its side and returns what arrived on the other side. */
    Delivered send(List<DiffPacket> packets, String python) throws Exception {
        Path script = home.resolve("sendcap.py");
        Files.writeString(script, SCRIPT);
        StringBuilder in = new StringBuilder();
        for (DiffPacket p : packets) {
            in.append(p.reply() ? '1' : '0').append(' ').append(WireBytes.hex(p.frame(), 0, p.frame().length)).append('\n');
        }
        Path frames = home.resolve("frames.txt");
        Path got = home.resolve("got.txt");
        Files.writeString(frames, in);
        Lab.sh("ip", "netns", "exec", e, "taskset", "-c", "0", python, script.toString(), frames.toString(), got.toString());
        Map<Integer, DiffPacket> byId = new HashMap<>();
        for (DiffPacket p : packets) {
            byId.put(p.id(), p);
        }
        Map<Integer, byte[]> delivered = new HashMap<>();
        for (String line : Files.readAllLines(got, StandardCharsets.US_ASCII)) {
            if (line.isBlank()) {
                continue;
            }
            String iface = line.substring(0, 2);
            byte[] f = WireBytes.unhex(line.substring(3));
            byte[] ip = ipPacket(f);
            if (ip == null) {
                continue;
            }
            boolean trailer = ip.length >= 8 && get32(ip, ip.length - 8) == MAGIC;
            // a packet cut too short for a trailer carries its id in the IP header instead
            int id = trailer ? get32(ip, ip.length - 4) : headerId(ip);
            DiffPacket p = byId.get(id);
            if (p == null || p.tagged() == trailer) {
                continue; // not one of ours (router's own traffic)
            }
            // an ICMP error quoting one of our packets ends with its trailer too, but comes back the way it went
            if (!iface.equals(p.reply() ? "e0" : "e1") || ip.length != ipLength(p.frame())
                    || (ip[0] >>> 4 & 0xf) != (p.v6() ? 6 : 4)) {
                continue;
            }
            if (delivered.put(id, ip) != null) {
                throw new AssertionError("packet id " + id + " arrived twice at the sink: " + p.what());
            }
        }
        return new Delivered(delivered);
    }

    /** The id a {@link DiffPacket#tagged} packet carries: IPv4 identification or IPv6 flow label. */
    static int headerId(byte[] ip) {
        return (ip[0] >>> 4 & 0xf) == 6 ? get32(ip, 0) & 0xfffff : (ip[4] & 0xff) << 8 | (ip[5] & 0xff);
    }

    /** Length of the IP packet in a generated frame, as its header gives it (a frame may carry padding). */
    static int ipLength(byte[] frame) {
        byte[] ip = ipPacket(frame);
        return ip == null ? -1 : ip.length;
    }

    /** The IP packet of a captured frame, cut to the length its header gives (veth does not pad, but be safe). */
    private static byte[] ipPacket(byte[] f) {
        if (f.length < 14 + 20) {
            return null;
        }
        int type = (f[12] & 0xff) << 8 | (f[13] & 0xff);
        int len;
        if (type == WireBytes.ETH_IPV4) {
            len = (f[16] & 0xff) << 8 | (f[17] & 0xff);
        } else if (type == WireBytes.ETH_IPV6) {
            len = 40 + ((f[18] & 0xff) << 8 | (f[19] & 0xff));
        } else {
            return null;
        }
        if (len < 20) {
            return null;
        }
        if (14 + len > f.length) {
            return null;
        }
        return java.util.Arrays.copyOfRange(f, 14, 14 + len);
    }

    static int get32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    @Override
    public void close() {
        net.close();
    }

    /** Sends (side 0: e0, 1: e1) and captures on both ends; outgoing copies of its own frames are skipped. */
    private static final String SCRIPT = String.join("\n",
            "import socket, sys, time",
            "def open_sock(name):",
            "    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))",
            "    s.setsockopt(socket.SOL_SOCKET, 33, 1 << 26)  # SO_RCVBUFFORCE",
            "    s.bind((name, 0))",
            "    s.setblocking(False)",
            "    return s",
            "socks = {'e0': open_sock('e0'), 'e1': open_sock('e1')}",
            "got = []",
            "def drain():",
            "    for name, s in socks.items():",
            "        while True:",
            "            try:",
            "                data, addr = s.recvfrom(65536)",
            "            except BlockingIOError:",
            "                break",
            "            if addr[2] == socket.PACKET_OUTGOING:",
            "                continue",
            "            got.append(name + ' ' + data.hex())",
            "with open(sys.argv[1]) as f:",
            "    words = f.read().split()",
            "for i in range(0, len(words), 2):",
            "    socks['e1' if words[i] == '1' else 'e0'].send(bytes.fromhex(words[i + 1]))",
            "    drain()",
            "end = time.time() + 1.0",
            "while time.time() < end:",
            "    drain()",
            "    time.sleep(0.02)",
            "with open(sys.argv[2], 'w') as f:",
            "    f.write('\\n'.join(got) + '\\n')",
            "");
}
