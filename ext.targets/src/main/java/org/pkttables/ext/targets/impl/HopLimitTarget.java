package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.Checksums;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.Target;

/**
 * A compiled TTL or HL target, as the kernel's ttl_tg/hl_tg6: the new value saturates at 0 and 255;
 * for IPv4 the header checksum is adjusted incrementally. A packet whose header is not all there is
 * dropped, as the kernel does when it cannot make the header writable.
 */
record HopLimitTarget(boolean v6, int mode, int value) implements Target {
    static final int SET = 0;
    static final int INC = 1;
    static final int DEC = 2;

    static Target compile(Args args, Param<Long> set, Param<Long> inc, Param<Long> dec, boolean v6) {
        int n = (args.has(set) ? 1 : 0) + (args.has(inc) ? 1 : 0) + (args.has(dec) ? 1 : 0);
        if (n != 1) {
            throw new ParameterProblem(n == 0 ? "one of " + set + ", " + inc + ", " + dec + " is required"
                    : "only one of " + set + ", " + inc + ", " + dec + " may be given", (v6 ? "HL" : "TTL") + ": You must specify an action");
        }
        if (args.has(set)) {
            return new HopLimitTarget(v6, SET, args.get(set).intValue());
        }
        return args.has(inc) ? new HopLimitTarget(v6, INC, args.get(inc).intValue())
                : new HopLimitTarget(v6, DEC, args.get(dec).intValue());
    }

    @Override
    public int apply(PacketContext p) {
        int l3 = p.l3Offset();
        int at = l3 + (v6 ? 7 : 8);
        if (l3 < 0 || !p.has(l3, v6 ? 40 : 20)) {
            return Verdict.DROP;
        }
        int old = p.u8(at);
        int nv = mode == SET ? value : mode == INC ? Math.min(255, old + value) : Math.max(0, old - value);
        if (nv != old) {
            if (!v6) {
                // TTL shares its checksummed word with the protocol byte.
                int proto = p.u8(l3 + 9);
                Checksums.replace16(p, l3 + 10, old << 8 | proto, nv << 8 | proto);
            }
            p.put8(at, nv);
        }
        return Verdict.CONTINUE;
    }
}
