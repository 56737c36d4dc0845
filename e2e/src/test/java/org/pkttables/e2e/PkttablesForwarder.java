package org.pkttables.e2e;

import java.util.List;
import java.util.Map;

import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookFunction;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConfirmHook;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.ConntrackHook;
import org.pkttables.conntrack.impl.match.ConnbytesMatchType;
import org.pkttables.conntrack.impl.match.ConnmarkMatchType;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.conntrack.impl.match.StateMatchType;
import org.pkttables.conntrack.impl.target.ConnmarkTargetType;
import org.pkttables.ext.ipset.impl.IpsetCommand;
import org.pkttables.ext.ipset.impl.SetMatchType;
import org.pkttables.ext.ipset.impl.SetRegistry;
import org.pkttables.ext.matches.impl.*;
import org.pkttables.ext.targets.impl.*;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.ext.nptv6.impl.DnptTargetType;
import org.pkttables.ext.nptv6.impl.SnptTargetType;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.nat.NatServices;
import org.pkttables.tables.testing.Harness;

/**
 * The pkttables side of the differential test: the whole core in-process with every extension the
 * generator uses, conntrack registered like its component does (IPv4 only, as the kernel tracks only the
 * family whose rules use it), frames injected along PREROUTING -> FORWARD -> POSTROUTING with the kernel
 * router's interface names, after the TTL / hop-limit decrement the kernel does before FORWARD.
 */
final class PkttablesForwarder {
    /** The verdict and, when accepted, the IP packet as it leaves. */
    record Outcome(boolean accepted, byte[] ip) {
    }

    private final Harness h;
    /** The connection tracking engine, null without conntrack. */
    private ConntrackEngine engine;

    PkttablesForwarder(long seed) {
        this(seed, true);
    }

    /** @param conntrack register connection tracking for IPv4 (the kernel tracks only when a rule needs it) */
    PkttablesForwarder(long seed, boolean conntrack) {
        this(seed, conntrack, null, null);
    }

    /**
     * With the NAT engine (core.nat's services, NPTv6's targets) and connection tracking for IPv4 and IPv6, as
     * the kernel router with nat tables has; MASQUERADE and REDIRECT take the router's addresses.
     *
     * @param ipv4 the router's IPv4 address (unsigned) of each port
     * @param ipv6 the router's IPv6 address ({hi, lo}) of each port
     */
    static PkttablesForwarder withNat(long seed, Map<String, Long> ipv4, Map<String, long[]> ipv6) {
        return new PkttablesForwarder(seed, true, ipv4, ipv6);
    }

    /** {@code nat4} null: no NAT engine. */
    private PkttablesForwarder(long seed, boolean conntrack, Map<String, Long> nat4, Map<String, long[]> nat6) {
        h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(),
                new TcpMatchType(), new UdpMatchType(), new IcmpMatchType(), new Icmp6MatchType(), new MultiportMatchType(),
                new IprangeMatchType(), new LengthMatchType(), new TtlMatchType(), new HlMatchType(), new TosMatchType(),
                new DscpMatchType(), new EcnMatchType(), new MacMatchType(), new PkttypeMatchType(), new U32MatchType(),
                new StringMatchType(), new TcpmssMatchType(), new FragMatchType(), new AhMatchType(), new Ah6MatchType(),
                new EspMatchType(), new SctpMatchType(), new CommentMatchType(), new MarkMatchType(), new StatisticMatchType(),
                new QuotaMatchType(), new AddrtypeMatchType(), new LimitMatchType(), new HashlimitMatchType(),
                new Ipv6headerMatchType(), new HbhMatchType(), new DstMatchType(), new RecentMatchType(),
                new MarkTargetType(), new LogTargetType((level, line) -> {
                }), new RejectTargetType(), new Reject6TargetType(), new TosTargetType(), new DscpTargetType(),
                new TtlTargetType(), new HlTargetType(), new EcnTargetType(), new ClassifyTargetType(), new TcpmssTargetType(),
                new TcpoptstripTargetType(),
                new ConntrackMatchType(), new StateMatchType(), new ConnmarkMatchType(), new ConnmarkTargetType(),
                new ConnbytesMatchType());
        h.linear(Boolean.getBoolean("kdiff.linear"));
        if (conntrack) {
            engine = new ConntrackEngine(65536, seed, System::currentTimeMillis);
            String[] fam = nat4 == null ? new String[] { "ipv4" } : new String[] { "ipv4", "ipv6" };
            h.with(new ConntrackHook(engine), Map.of(HookFunction.FAMILY, fam, HookFunction.HOOK,
                    new String[] { "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING" }, HookFunction.PRIORITY, "conntrack"));
            h.with(new ConfirmHook(engine), Map.of(HookFunction.FAMILY, fam, HookFunction.HOOK,
                    new String[] { "INPUT", "POSTROUTING" }, HookFunction.PRIORITY, "confirm"));
            if (nat4 != null) {
                // core.nat's IPv4 services and core.nat66's IPv6 ones, as the appliance registers them
                for (NatServices services : List.of(new NatServices(h.ruleset()),
                        org.pkttables.nat66.impl.Nat66Component.services(h.ruleset()))) {
                    services.useAddresses(nat4, nat6);
                    h.with(services.targets().toArray());
                    services.hooks().forEach(h::with);
                }
                h.with(new SnptTargetType(), new DnptTargetType());
                engine.setNatPresent(true);
            }
        }
        SetRegistry sets = new SetRegistry(System::currentTimeMillis);
        sets.useRuleset(h::ruleset);
        h.with(new IpsetCommand(sets), new SetMatchType(sets));
    }

    /** What {@code conntrack -S} would count (insert_failed, drop …). */
    org.pkttables.conntrack.ConntrackStats conntrackStats() {
        return engine.stats();
    }

    void sh(String line) {
        CommandFrontend.Result r = h.sh(line);
        if (r.exit() != 0) {
            throw new AssertionError("pkttables: " + line + " -> exit " + r.exit() + ": " + r.err());
        }
    }

    void restore(String command, String file) {
        CommandFrontend.Result r = h.withInput(file, command);
        if (r.exit() != 0) {
            throw new AssertionError("pkttables " + command + " failed: " + r.err() + "\ninput was:\n" + file);
        }
    }

    String save(String command) {
        CommandFrontend.Result r = h.run(command, "-c");
        if (r.exit() != 0) {
            throw new AssertionError("pkttables " + command + " -c failed: " + r.err());
        }
        return r.out();
    }

    /**
     * The packet along the path the router gives it: forwarded out of {@code out} (PREROUTING, FORWARD,
     * POSTROUTING, TTL / hop limit one less) or, {@code out} null, delivered to the router itself
     * (PREROUTING, INPUT).
     */
    Outcome deliver(DiffPacket p, String out) {
        if (out != null && out.equals(p.outIface())) {
            return forward(p);
        }
        byte[] f = out == null ? p.frame().clone() : forwardedView(p);
        Hook[] path = out == null ? new Hook[] { Hook.PREROUTING, Hook.INPUT }
                : new Hook[] { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };
        int v = h.injectPath(p.v6() ? Family.IPV6 : Family.IPV4, f, p.inIface(), out, path);
        if (v != Verdict.ACCEPT) {
            return new Outcome(false, null);
        }
        return new Outcome(true, java.util.Arrays.copyOfRange(h.last().buffer(), 14, h.last().length()));
    }

    Outcome forward(DiffPacket p) {
        byte[] f = forwardedView(p);
        int v = h.injectPath(p.v6() ? Family.IPV6 : Family.IPV4, f, p.inIface(), p.outIface(), Hook.PREROUTING,
                Hook.FORWARD, Hook.POSTROUTING);
        if (v != Verdict.ACCEPT) {
            return new Outcome(false, null);
        }
        byte[] buf = h.last().buffer();
        return new Outcome(true, java.util.Arrays.copyOfRange(buf, 14, h.last().length()));
    }

    /**
     * The frame as the kernel's FORWARD hook sees it: TTL / hop limit already one less, the IPv4 checksum
     * updated the way ip_decrease_ttl does it (on a little-endian CPU), so rewritten bytes compare exactly.
     */
    static byte[] forwardedView(DiffPacket p) {
        byte[] f = p.frame().clone();
        if (p.v6()) {
            f[14 + 7]--;
        } else {
            int be = (f[24] & 0xff) << 8 | (f[25] & 0xff);
            int le = Integer.reverseBytes(be) >>> 16;
            int x = le + 1;
            x = (x + (x >= 0xffff ? 1 : 0)) & 0xffff;
            be = Integer.reverseBytes(x) >>> 16;
            f[24] = (byte) (be >>> 8);
            f[25] = (byte) be;
            f[14 + 8]--;
        }
        return f;
    }
}
