package org.pkttables.ext.ipset.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.InetText;
import org.pkttables.ext.ipset.api.SetException;

/**
 * A network ({@code hash:net} and the nets of the other types): address and prefix length. A packet's
 * address is looked up with every prefix length the set holds, longest first. An IPv4 range is stored
 * as the prefixes that cover it exactly, as ipset does.
 */
final class NetDim extends Dim {
    private final boolean v6;
    private final int max;

    NetDim(Family family) {
        this.v6 = family == Family.IPV6;
        this.max = v6 ? 128 : 32;
    }

    @Override
    int[] fieldBits() {
        return v6 ? new int[] {64, 64, 8} : new int[] {32, 8};
    }

    @Override
    int cidrField() {
        return v6 ? 2 : 1;
    }

    @Override
    int maxCidr() {
        return max;
    }

    @Override
    Values parse(String text) {
        int slash = text.indexOf('/');
        int dash = text.indexOf('-');
        if (dash >= 0 && !v6) {
            long lo = Inet.parse4(text.substring(0, dash));
            long hi = Inet.parse4(text.substring(dash + 1));
            if (lo > hi) {
                throw new SetException("Syntax error: invalid range " + text + ": the first address is the larger");
            }
            List<long[]> blocks = cover(lo, hi);
            return new Values() {
                @Override
                public long count() {
                    return blocks.size();
                }

                @Override
                public void get(long index, long[] out, int off) {
                    long[] b = blocks.get((int) index);
                    out[off] = b[0];
                    out[off + 1] = b[1];
                }
            };
        }
        if (dash >= 0) {
            throw new SetException("Syntax error: IP address or IP/cidr must be specified: " + text);
        }
        String addr = slash < 0 ? text : text.substring(0, slash);
        int cidr = max;
        if (slash >= 0) {
            cidr = (int) Numbers.parse(text.substring(slash + 1), 0, max);
            if (cidr == 0) {
                throw new SetException("The value of the CIDR parameter of the IP address is invalid");
            }
        }
        if (v6) {
            long[] a = Inet.parse6(addr);
            return Values.one(a[0] & InetText.ipv6MaskHi(cidr), a[1] & InetText.ipv6MaskLo(cidr), cidr);
        }
        return Values.one(Inet.parse4(addr) & InetText.ipv4Mask(cidr), cidr);
    }

    /** The fewest prefixes covering [lo, hi] exactly. */
    static List<long[]> cover(long lo, long hi) {
        List<long[]> out = new ArrayList<>();
        long a = lo;
        while (a <= hi) {
            int len = 32;
            while (len > 0) {
                long m = InetText.ipv4Mask(len - 1);
                long size = 1L << (32 - (len - 1));
                if ((a & m) != a || a + size - 1 > hi) {
                    break;
                }
                len--;
            }
            out.add(new long[] {a, len});
            a += 1L << (32 - len);
        }
        return out;
    }

    @Override
    void format(long[] f, int off, StringBuilder out) {
        int cidr = (int) f[off + cidrField()];
        out.append(v6 ? InetText.formatIpv6(f[off], f[off + 1]) : InetText.formatIpv4(f[off]));
        if (cidr != max) {
            out.append('/').append(cidr);
        }
    }

    @Override
    boolean extract(PacketContext p, boolean src, long[] f, int off) {
        if (!address(p, src, v6, f, off)) {
            return false;
        }
        f[off + (v6 ? 2 : 1)] = v6 ? 128 : 32;
        return true;
    }

    @Override
    void applyCidr(long[] f, int off, int cidr) {
        if (v6) {
            f[off] &= InetText.ipv6MaskHi(cidr);
            f[off + 1] &= InetText.ipv6MaskLo(cidr);
            f[off + 2] = cidr;
        } else {
            f[off] &= InetText.ipv4Mask(cidr);
            f[off + 1] = cidr;
        }
    }
}
