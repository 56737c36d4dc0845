package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.Param;

/**
 * A compiled ttl or hl match: one byte of the IP header (TTL at offset 8, hop limit at 7) compared
 * with a value, as xt_ttl/xt_hl do. Modes: equal, not equal, less than, greater than.
 */
final class HopLimitMatch implements Match {
    static final int EQ = 0;
    static final int NE = 1;
    static final int LT = 2;
    static final int GT = 3;

    private final int field;
    private final int mode;
    private final int value;

    HopLimitMatch(int field, int mode, int value) {
        this.field = field;
        this.mode = mode;
        this.value = value;
    }

    /** Shared compile of ttl and hl: exactly one of the three options. */
    static Match compile(Args args, Param<Long> eq, Param<Long> lt, Param<Long> gt, int field, String name) {
        int n = (args.has(eq) ? 1 : 0) + (args.has(lt) ? 1 : 0) + (args.has(gt) ? 1 : 0);
        if (n != 1) {
            throw new IllegalArgumentException(n == 0 ? "one of " + eq + ", " + lt + ", " + gt + " is required"
                    : "only one of " + eq + ", " + lt + ", " + gt + " may be given");
        }
        if (args.has(eq)) {
            return new HopLimitMatch(field, args.inverted(eq) ? NE : EQ, args.get(eq).intValue());
        }
        return args.has(lt) ? new HopLimitMatch(field, LT, args.get(lt).intValue())
                : new HopLimitMatch(field, GT, args.get(gt).intValue());
    }

    @Override
    public boolean matches(PacketContext p) {
        int l3 = p.l3Offset();
        int v = l3 < 0 ? -1 : p.u8(l3 + field);
        if (v < 0) {
            return false;
        }
        switch (mode) {
            case EQ:
                return v == value;
            case NE:
                return v != value;
            case LT:
                return v < value;
            default:
                return v > value;
        }
    }
}
