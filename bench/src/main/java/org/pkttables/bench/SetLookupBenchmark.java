package org.pkttables.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.InetText;
import org.pkttables.ext.ipset.api.ListFormat;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetLookup;
import org.pkttables.ext.ipset.impl.IpsetCommand;
import org.pkttables.ext.ipset.impl.SetMatchType;
import org.pkttables.ext.ipset.impl.SetRegistry;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * IP set lookups on one core: a 1,000,000-entry hash:ip and a 100,000-prefix hash:net (prefix lengths
 * as in real blocklists: half /24, a fifth /32, the rest /16 to /23, so 10 lengths to try), looked up
 * by the source address of prepared IPv4 packets, half of them in the set. {@code ruleHashIp} is the
 * whole packet path: one rule {@code -m set --match-set big src -j DROP} in INPUT. Throughput in
 * lookups per second; run with {@code -prof gc} to see that a lookup allocates nothing. The setup
 * prints the memory per entry.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class SetLookupBenchmark {
    static final int IP_ENTRIES = 1_000_000;
    static final int NET_ENTRIES = 100_000;
    /** Packets looked up in turn: more than the caches hold keys for, so lookups miss the cache as real ones do. */
    static final int PACKETS = 1 << 16;

    private SetContents ips;
    private SetContents nets;
    /** Source addresses to look up in turn; written into the one packet, which stays in the cache as a real one would. */
    private int[] ipSources;
    private int[] netSources;
    private PacketContext packet;
    private byte[] header;
    private byte[][] ipFrames;
    private Harness h;
    private final SetLookup src = SetLookup.of(1, 1);
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        SetRegistry sets = new SetRegistry(SetRegistry::monotonicMillis);
        int[] ipKeys = new int[IP_ENTRIES];
        StringBuilder sb = new StringBuilder(IP_ENTRIES * 24);
        sb.append("create big hash:ip maxelem ").append(IP_ENTRIES).append('\n');
        for (int i = 0; i < IP_ENTRIES; i++) {
            ipKeys[i] = rnd.nextInt();
            sb.append("add big ").append(InetText.formatIpv4(ipKeys[i])).append('\n');
        }
        sets.restore(sb.toString(), true);
        int[] netKeys = new int[NET_ENTRIES];
        int[] netLens = new int[NET_ENTRIES];
        sb.setLength(0);
        sb.append("create nets hash:net maxelem ").append(NET_ENTRIES).append('\n');
        for (int i = 0; i < NET_ENTRIES; i++) {
            int r = rnd.nextInt(10);
            int len = r < 5 ? 24 : r < 7 ? 32 : 16 + rnd.nextInt(8);
            netKeys[i] = rnd.nextInt() & (int) (0xffffffffL << (32 - len));
            netLens[i] = len;
            sb.append("add nets ").append(InetText.formatIpv4(netKeys[i])).append('/').append(len).append('\n');
        }
        sets.restore(sb.toString(), true);
        ips = sets.contents("big");
        nets = sets.contents("nets");
        report(sets, "big");
        report(sets, "nets");

        ipSources = new int[PACKETS];
        netSources = new int[PACKETS];
        header = new byte[40];
        packet = packet(header);
        ipFrames = new byte[PACKETS][];
        for (int i = 0; i < PACKETS; i++) {
            int hit = ipKeys[rnd.nextInt(IP_ENTRIES)];
            int a = (i & 1) == 0 ? hit : rnd.nextInt();
            ipSources[i] = a;
            ipFrames[i] = Frames.ipv4(InetText.formatIpv4(a), "10.0.0.1").tcp(40000, 80).build();
            int n = rnd.nextInt(NET_ENTRIES);
            int inNet = netKeys[n] | (rnd.nextInt() & (int) ~(0xffffffffL << (32 - netLens[n])));
            netSources[i] = (i & 1) == 0 ? inNet : rnd.nextInt();
        }
        h = new Harness().with(new Ipv4Handler(), new IpsetCommand(sets), new SetMatchType(sets));
        if (!h.sh("iptables -A INPUT -m set --match-set big src -j DROP").ok()) {
            throw new IllegalStateException("rule not added");
        }
    }

    private static void report(SetRegistry sets, String name) {
        String terse = sets.list(name, ListFormat.TERSE);
        long mem = Long.parseLong(terse.replaceAll("(?s).*Size in memory: (\\d+).*", "$1"));
        long n = Long.parseLong(terse.replaceAll("(?s).*Number of entries: (\\d+).*", "$1"));
        System.out.printf("%n%s: %d entries, %d bytes, %.1f bytes per entry%n", name, n, mem, (double) mem / n);
    }

    /** An IPv4 header alone, parsed as the L3 handler would leave it. */
    private static PacketContext packet(byte[] b) {
        b[0] = 0x45;
        b[9] = 6;
        PacketContext p = new PacketContext(0);
        p.reset(b, 0, b.length);
        p.setFamily(Family.IPV4);
        p.setL3(0, 0x0800);
        p.setL4(20, 6);
        return p;
    }


    private PacketContext source(int a) {
        header[12] = (byte) (a >>> 24);
        header[13] = (byte) (a >>> 16);
        header[14] = (byte) (a >>> 8);
        header[15] = (byte) a;
        return packet;
    }

    @Benchmark
    public int hashIp1M() {
        return ips.lookup(source(ipSources[next++ & (PACKETS - 1)]), src);
    }

    @Benchmark
    public int hashNet100k() {
        return nets.lookup(source(netSources[next++ & (PACKETS - 1)]), src);
    }

    @Benchmark
    public int ruleHashIp1M() {
        return h.inject(Family.IPV4, Hook.INPUT, ipFrames[next++ & (PACKETS - 1)], "eth0", null);
    }

    /** Restoring a million-entry set from ipset save format, as at start or a blocklist reload. */
    @State(Scope.Thread)
    public static class RestoreInput {
        String file;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom rnd = new SplittableRandom(7);
            StringBuilder sb = new StringBuilder(IP_ENTRIES * 24);
            sb.append("create big hash:ip maxelem ").append(IP_ENTRIES).append('\n');
            for (int i = 0; i < IP_ENTRIES; i++) {
                sb.append("add big ").append(InetText.formatIpv4(rnd.nextInt())).append('\n');
            }
            file = sb.toString();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 3)
    public List<String> restore1M(RestoreInput in) {
        SetRegistry sets = new SetRegistry(SetRegistry::monotonicMillis);
        sets.restore(in.file, true);
        return sets.names();
    }
}
