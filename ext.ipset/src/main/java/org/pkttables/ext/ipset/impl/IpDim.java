package org.pkttables.ext.ipset.impl;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.InetText;
import org.pkttables.ext.ipset.api.SetException;

/**
 * A single address ({@code hash:ip}, the ips of {@code hash:ip,port,ip}). IPv4 input may be a range
 * or a prefix, stored address by address ({@code netmask} makes each stored value a block); IPv6 input
 * must be one address, as in ipset.
 */
final class IpDim extends Dim {
    private final boolean v6;
    private final int netmask;
    private final long mask4;
    private final long maskHi;
    private final long maskLo;

    IpDim(Family family, int netmask) {
        this.v6 = family == Family.IPV6;
        this.netmask = netmask < 0 ? (v6 ? 128 : 32) : netmask;
        this.mask4 = InetText.ipv4Mask(this.netmask);
        this.maskHi = InetText.ipv6MaskHi(this.netmask);
        this.maskLo = InetText.ipv6MaskLo(this.netmask);
    }

    @Override
    int[] fieldBits() {
        return v6 ? new int[] {64, 64} : new int[] {32};
    }

    @Override
    Values parse(String text) {
        if (v6) {
            if (text.indexOf('/') >= 0 || text.indexOf('-') >= 0) {
                throw new SetException("Syntax error: plain IP address must be supplied: " + text);
            }
            long[] a = Inet.parse6(text);
            return Values.one(a[0] & maskHi, a[1] & maskLo);
        }
        long lo;
        long hi;
        int dash = text.indexOf('-');
        int slash = text.indexOf('/');
        if (dash >= 0) {
            lo = Inet.parse4(text.substring(0, dash));
            hi = Inet.parse4(text.substring(dash + 1));
            if (lo > hi) {
                throw new SetException("Syntax error: invalid range " + text + ": the first address is the larger");
            }
        } else if (slash >= 0) {
            long a = Inet.parse4(text.substring(0, slash));
            int cidr = (int) Numbers.parse(text.substring(slash + 1), 0, 32);
            lo = a & InetText.ipv4Mask(cidr);
            hi = lo | (~InetText.ipv4Mask(cidr) & 0xffffffffL);
        } else {
            long a = Inet.parse4(text) & mask4;
            return Values.one(a);
        }
        long first = lo & mask4;
        long step = 1L << (32 - netmask);
        return Values.stepping(first, step, ((hi & mask4) - first) / step + 1);
    }

    @Override
    void format(long[] f, int off, StringBuilder out) {
        out.append(v6 ? InetText.formatIpv6(f[off], f[off + 1]) : InetText.formatIpv4(f[off]));
    }

    @Override
    boolean extract(PacketContext p, boolean src, long[] f, int off) {
        if (!address(p, src, v6, f, off)) {
            return false;
        }
        if (v6) {
            f[off] &= maskHi;
            f[off + 1] &= maskLo;
        } else {
            f[off] &= mask4;
        }
        return true;
    }
}
