package org.pkttables.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.conntrack.impl.defrag.DefragHook;
import org.pkttables.conntrack.impl.defrag.DefragStats;
import org.pkttables.conntrack.impl.defrag.FragmentStore;
import org.pkttables.conntrack.impl.defrag.Reassembler;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;

/**
 * The cost of reassembly before conntrack (issue 13's fragments). {@link #nonFragment}: the defrag hook
 * on a packet that is not a fragment, what every other packet pays (one field read; 0 B/op).
 * {@link #fragmentedDatagram}: a 4000-byte UDP datagram as three fragments (1480, 1480, 1048 payload
 * bytes) parsed and reassembled, per datagram, from the preallocated store (0 B/op).
 * Run: bench/run.sh DefragBenchmark -prof gc -f 1 -wi 3 -i 5 -w 1s -r 1s
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DefragBenchmark {
    final PacketContext ctx = new PacketContext(0);
    final Ipv4Handler v4 = new Ipv4Handler();
    DefragHook hook;
    Reassembler reassembler;
    byte[] plain;
    byte[][] frags;
    int id;

    @Setup
    public void setup() {
        hook = new DefragHook(() -> null, DefragHook.HIGH_THRESH, DefragHook.TIME_SECONDS);
        reassembler = new Reassembler(false, new FragmentStore(DefragHook.HIGH_THRESH), new DefragStats(),
                30_000_000_000L);
        plain = frame(0, 100, false);
        frags = new byte[][] { frame(0, 1480, true), frame(1480, 1480, true), frame(2960, 1048, false) };
    }

    /** An Ethernet frame of an IPv4 UDP fragment 192.0.2.1 to 10.0.0.1 with {@code len} payload bytes at {@code off}. */
    static byte[] frame(int off, int len, boolean more) {
        byte[] f = new byte[14 + 20 + len];
        f[12] = 0x08;
        f[14] = 0x45;
        f[16] = (byte) ((20 + len) >> 8);
        f[17] = (byte) (20 + len);
        int field = off / 8 | (more ? 0x2000 : 0);
        f[20] = (byte) (field >> 8);
        f[21] = (byte) field;
        f[22] = 64;
        f[23] = 17;
        f[26] = (byte) 192;
        f[29] = 1;
        f[30] = 10;
        f[33] = 1;
        return f;
    }

    private void parse(byte[] f) {
        ctx.reset(f, 0, f.length);
        ctx.setL2(0);
        ctx.setFamily(Family.IPV4);
        ctx.setHook(Hook.PREROUTING);
        v4.parse(ctx, 14);
    }

    @Benchmark
    public int nonFragment() {
        parse(plain);
        return hook.process(ctx);
    }

    @Benchmark
    public int fragmentedDatagram() {
        // a fresh identification per datagram, as a sender's
        int ident = ++id & 0xffff;
        int r = 0;
        for (byte[] f : frags) {
            f[18] = (byte) (ident >> 8);
            f[19] = (byte) ident;
            parse(f);
            r = reassembler.add(ctx, 0);
        }
        if (r != Reassembler.COMPLETE) {
            throw new IllegalStateException("not reassembled: " + r);
        }
        return reassembler.outLen;
    }

    /** The parse alone, to subtract from {@link #nonFragment}. */
    @Benchmark
    public int parseOnly() {
        parse(plain);
        return ctx.l4Offset();
    }
}
