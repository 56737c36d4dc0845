package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamType;

/**
 * {@code from[-to]}, both IPv4 or both IPv6 (the rule's family is checked when compiling); a single
 * address is the range {@code a-a}, listed in full like iptables does.
 */
final class IpRangeType extends ParamType<IpRange> {
    static final IpRangeType INSTANCE = new IpRangeType();

    private IpRangeType() {
        super("address[-address]", 1);
    }

    @Override
    public IpRange parse(List<String> words) {
        String w = words.get(0);
        int dash = w.indexOf('-');
        String a = dash < 0 ? w : w.substring(0, dash);
        String b = dash < 0 ? w : w.substring(dash + 1);
        if (a.indexOf(':') >= 0 || b.indexOf(':') >= 0) {
            long[] x = InetText.parseIpv6(a);
            long[] y = InetText.parseIpv6(b);
            if (x == null || y == null) {
                throw new IllegalArgumentException("invalid IPv6 address range \"" + w + "\"");
            }
            return new IpRange(true, x[0], x[1], y[0], y[1]);
        }
        long x = InetText.parseIptablesIpv4(a);
        long y = InetText.parseIptablesIpv4(b);
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("invalid IP address range \"" + w + "\"");
        }
        return new IpRange(false, 0, x, 0, y);
    }

    @Override
    public List<String> format(IpRange r) {
        return List.of(r.toString());
    }
}
