package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled addrtype match. The type of an address comes from the address alone: IPv4 0.0.0.0 is
 * UNSPEC, 127.0.0.0/8 LOCAL, 224.0.0.0/4 MULTICAST, 255.255.255.255 BROADCAST, anything else UNICAST;
 * IPv6 :: is UNSPEC, ::1 LOCAL, ff00::/8 MULTICAST, anything else UNICAST. The machine's own
 * addresses and subnet broadcasts are not known here, so they count as UNICAST (the kernel would say
 * LOCAL / BROADCAST), and {@code --limit-iface-in/out} change nothing. A mask of 0 tests nothing.
 */
record AddrtypeMatch(boolean v6, int src, boolean srcInv, int dst, boolean dstInv) implements Match {
    @Override
    public boolean matches(PacketContext p) {
        int l3 = p.l3Offset();
        if (l3 < 0) {
            return false;
        }
        if (src != 0) {
            int t = v6 ? type6(p, l3 + 8) : type4(p.u32(l3 + 12));
            if (t < 0 || ((src & t) != 0) == srcInv) {
                return false;
            }
        }
        if (dst != 0) {
            int t = v6 ? type6(p, l3 + 24) : type4(p.u32(l3 + 16));
            if (t < 0 || ((dst & t) != 0) == dstInv) {
                return false;
            }
        }
        return true;
    }

    private static int type4(long a) {
        if (a < 0) {
            return -1;
        }
        if (a == 0) {
            return AddrTypes.UNSPEC;
        }
        if (a == 0xffffffffL) {
            return AddrTypes.BROADCAST;
        }
        if ((a >>> 24) == 127) {
            return AddrTypes.LOCAL;
        }
        return (a >>> 28) == 0xe ? AddrTypes.MULTICAST : AddrTypes.UNICAST;
    }

    private static int type6(PacketContext p, int at) {
        if (!p.has(at, 16)) {
            return -1;
        }
        long hi = p.u32(at) << 32 | p.u32(at + 4);
        long lo = p.u32(at + 8) << 32 | p.u32(at + 12);
        if (hi == 0 && lo == 0) {
            return AddrTypes.UNSPEC;
        }
        if (hi == 0 && lo == 1) {
            return AddrTypes.LOCAL;
        }
        return (hi >>> 56) == 0xff ? AddrTypes.MULTICAST : AddrTypes.UNICAST;
    }
}
