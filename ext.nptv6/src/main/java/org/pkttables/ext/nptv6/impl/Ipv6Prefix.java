package org.pkttables.ext.nptv6.impl;

import org.pkttables.api.ext.InetText;

/**
 * An IPv6 prefix as {@code --src-pfx}/{@code --dst-pfx} give it: the address (high and low 64 bits) and
 * the prefix length, exactly as written (the kernel, not the parser, refuses host bits).
 */
record Ipv6Prefix(long hi, long lo, int length) {
    /** The 16-bit word {@code i} (0..7) of the address. */
    int word(int i) {
        long half = i < 4 ? hi : lo;
        return (int) (half >>> (48 - 16 * (i & 3))) & 0xffff;
    }

    /** True when no bit beyond the prefix length is set (ip6t_NPT's check: "LSB of prefix is zero"). */
    boolean hostBitsZero() {
        return (hi & ~InetText.ipv6MaskHi(length)) == 0 && (lo & ~InetText.ipv6MaskLo(length)) == 0;
    }

    @Override
    public String toString() {
        return InetText.formatIpv6(hi, lo) + "/" + length;
    }
}
