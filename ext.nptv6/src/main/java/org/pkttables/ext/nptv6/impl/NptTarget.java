package org.pkttables.ext.nptv6.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.Target;

/**
 * A compiled SNPT or DNPT target (ip6t_NPT): translates the source (SNPT) or destination (DNPT) address
 * with its {@link NptMapping} and continues. In an ICMPv6 error (an IPv6 header followed directly by
 * ICMPv6 of a type below 128) the address of the quoted packet that lies in the source prefix is
 * translated too: its destination for SNPT, its source for DNPT, as the kernel does, so that
 * errors about translated packets reach the host that sent them. Stateless; transport checksums are never
 * touched (the translation is checksum-neutral). A packet whose address cannot be translated, or whose
 * IPv6 header is not all there, is dropped (the kernel also sends an ICMPv6 parameter problem, which is
 * not done here).
 */
final class NptTarget implements Target {
    static final Param<Ipv6Prefix> SRC_PFX = Param.of("--src-pfx", Ipv6PrefixType.INSTANCE).mandatory()
            .listed("src-pfx {v}").help("prefix/length: the prefix translated from");
    static final Param<Ipv6Prefix> DST_PFX = Param.of("--dst-pfx", Ipv6PrefixType.INSTANCE).mandatory()
            .listed("dst-pfx {v}").help("prefix/length: the prefix translated to");

    private static final int ICMPV6 = 58;

    private final NptMapping mapping;
    private final boolean source;

    NptTarget(NptMapping mapping, boolean source) {
        this.mapping = mapping;
        this.source = source;
    }

    /** Checks both prefixes as ip6t_NPT's checkentry does (at most 64 bits, no host bits) and compiles. */
    static NptTarget compile(Args args, boolean source) {
        Ipv6Prefix src = check(SRC_PFX, args.get(SRC_PFX));
        Ipv6Prefix dst = check(DST_PFX, args.get(DST_PFX));
        return new NptTarget(new NptMapping(src, dst), source);
    }

    private static Ipv6Prefix check(Param<Ipv6Prefix> p, Ipv6Prefix v) {
        if (v.length() > 64) {
            throw new KernelRefusal(p.option() + " " + v
                    + ": a prefix longer than 64 bits cannot be translated (ip6t_NPT allows 1 to 64)");
        }
        if (v.length() == 0) {
            // ip6tables 1.8.9 lists and saves a ::/0 prefix as nothing, which then does not restore.
            throw new KernelRefusal(p.option() + " " + v
                    + ": a /0 prefix is refused (ip6tables 1.8.9 saves it as nothing, so the rule would not restore)");
        }
        if (!v.hostBitsZero()) {
            throw new KernelRefusal(p.option() + " " + v + ": bits are set beyond the prefix length "
                    + v.length());
        }
        return v;
    }

    @Override
    public int apply(PacketContext p) {
        int l3 = p.l3Offset();
        if (l3 < 0 || !p.has(l3, 40)) {
            return Verdict.DROP;
        }
        if (!mapping.map(p, l3 + (source ? 8 : 24))) {
            return Verdict.DROP;
        }
        if (p.u8(l3 + 6) == ICMPV6) {
            int icmp = l3 + 40;
            int type = p.u8(icmp);
            int quoted = icmp + 8;
            if (type >= 0 && type < 128 && p.has(quoted, 40)) {
                int at = quoted + (source ? 24 : 8);
                if (mapping.inSource(p, at)) {
                    mapping.map(p, at);
                }
            }
        }
        return Verdict.CONTINUE;
    }
}
