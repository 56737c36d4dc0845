package org.pkttables.conntrack.impl.defrag;

import java.util.Map;
import java.util.function.Supplier;

import org.pkttables.api.Family;
import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.Verdict;

/**
 * nf_defrag_ipv4 / nf_defrag_ipv6: at priority {@code defrag} (-400) of PREROUTING and OUTPUT, before
 * raw and conntrack, fragments are held until their datagram is whole; the fragment that completes it
 * goes on as the whole datagram (the context moved to the reassembled bytes, parsed again, with
 * {@link PacketContext#fragMaxSize()} set for the output to fragment it again), the others are stolen.
 * So conntrack, NAT and every rule see whole datagrams, as in the kernel, and {@code -f} never matches.
 * Active for a family only while its ruleset uses conntrack ({@link ConntrackUse}); packets that are not
 * fragments cost one field read.
 */
public final class DefragHook implements HookFunction {
    /** ipfrag_high_thresh and ipfrag_time defaults. */
    public static final long HIGH_THRESH = 4L << 20;
    public static final long TIME_SECONDS = 30;

    private final Supplier<Ruleset> ruleset;
    private final ConntrackUse use;
    private final long timeoutNanos;
    public final FragmentStore[] stores = new FragmentStore[2];
    public final DefragStats[] stats = { new DefragStats(), new DefragStats() };
    private final Reassembler[][] workers = new Reassembler[2][PacketContext.MAX_WORKERS];

    public DefragHook(Supplier<Ruleset> ruleset, long highThresh, long timeSeconds) {
        if (timeSeconds <= 0) {
            throw new IllegalArgumentException("ipfrag_time " + timeSeconds + " must be at least 1 second");
        }
        this.ruleset = ruleset;
        this.use = new ConntrackUse(ruleset);
        this.timeoutNanos = timeSeconds * 1_000_000_000L;
        stores[0] = new FragmentStore(highThresh);
        stores[1] = new FragmentStore(highThresh);
    }

    /** The service properties: PREROUTING and OUTPUT of IPv4 and IPv6, priority defrag. */
    public static Map<String, Object> properties() {
        return Map.of(HookFunction.FAMILY, new String[] { "ipv4", "ipv6" }, HookFunction.HOOK,
                new String[] { "PREROUTING", "OUTPUT" }, HookFunction.PRIORITY, "defrag");
    }

    @Override
    public int process(PacketContext p) {
        if (!p.isFragment()) {
            return Verdict.ACCEPT;
        }
        Family f = p.family();
        if ((f != Family.IPV4 && f != Family.IPV6) || p.isMalformed() || !use.inUse(f)) {
            return Verdict.ACCEPT;
        }
        int fi = f == Family.IPV4 ? 0 : 1;
        Reassembler r = reassembler(fi, p.worker());
        switch (r.add(p, System.nanoTime())) {
            case Reassembler.PASS:
                return Verdict.ACCEPT;
            case Reassembler.COMPLETE:
                break;
            default:
                return Verdict.STOLEN;
        }
        Ruleset rs = ruleset.get();
        p.moveFrame(r.out, 0, r.outLen);
        if (p.hasL2()) {
            p.setL2(0);
        }
        // The handler sets what it finds; a whole datagram has no fragment header to find.
        p.setFragment(false, 0);
        if (rs == null || !rs.parse(f, p, r.outL3)) {
            return Verdict.DROP;
        }
        p.setFragMaxSize(r.outMaxSize);
        return Verdict.ACCEPT;
    }

    private Reassembler reassembler(int fi, int worker) {
        Reassembler r = workers[fi][worker];
        if (r == null) {
            // Once per worker and family, on its first fragment; only that worker uses it.
            r = new Reassembler(fi == 1, stores[fi], stats[fi], timeoutNanos);
            workers[fi][worker] = r;
        }
        return r;
    }

    /** The counters of both families, as nstat names them. */
    public String format() {
        return stats[0].format("Ip") + "IpFragMemory " + stores[0].memory() + "\n" + stats[1].format("Ip6")
                + "Ip6FragMemory " + stores[1].memory() + "\n";
    }

    @Override
    public String toString() {
        return "defrag";
    }
}
