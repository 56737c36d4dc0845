package org.pkttables.ext.nptv6.impl;

import org.pkttables.api.ext.KernelRefusal;
import java.util.List;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamType;

/**
 * {@code ADDRESS[/LENGTH|/MASK]} as ip6tables reads an NPT prefix (xtables' IPv6 network type): the length is
 * a C number 0..128 ({@code 064} is octal, 52), a mask must be contiguous, no length means /128. Literal
 * addresses only: a host name is refused rather than looked up. Listed as {@code address/length}.
 */
final class Ipv6PrefixType extends ParamType<Ipv6Prefix> {
    static final Ipv6PrefixType INSTANCE = new Ipv6PrefixType();

    private Ipv6PrefixType() {
        super("prefix/length", 1);
    }

    @Override
    public Ipv6Prefix parse(List<String> words) {
        String w = words.get(0);
        int slash = w.indexOf('/');
        String addr = slash < 0 ? w : w.substring(0, slash);
        long[] a = InetText.parseIpv6(addr);
        if (a == null) {
            throw new IllegalArgumentException("\"" + addr + "\" is not an IPv6 address (host names are not looked up)");
        }
        int len = 128;
        if (slash >= 0) {
            String m = w.substring(slash + 1);
            if (m.indexOf(':') >= 0) {
                long[] mask = InetText.parseIpv6(m);
                len = mask == null ? -1 : InetText.ipv6PrefixLength(mask[0], mask[1]);
                if (len < 0) {
                    throw new KernelRefusal("\"" + m + "\" is not a contiguous IPv6 network mask");
                }
            } else {
                long n = CNumbers.parse(m, 128);
                if (n < 0) {
                    throw new IllegalArgumentException("bad value \"" + w
                            + "\", neither a valid network mask nor valid CIDR (0-128)");
                }
                len = (int) n;
            }
        }
        return new Ipv6Prefix(a[0], a[1], len);
    }

    @Override
    public List<String> format(Ipv6Prefix value) {
        return List.of(value.toString());
    }
}
