package org.pkttables.conntrack.impl.match;

import java.util.List;

import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamType;

/**
 * {@code address[/prefix]} or {@code address/dotted-mask}, IPv4 or IPv6 literal (no name lookups); listed
 * as given (not masked), with the prefix unless it is the full length, as iptables prints it.
 */
final class AddressMaskType extends ParamType<AddressMask> {
    static final AddressMaskType INSTANCE = new AddressMaskType();

    private AddressMaskType() {
        super("address[/mask]", 1);
    }

    @Override
    public AddressMask parse(List<String> words) {
        String w = words.get(0);
        int slash = w.indexOf('/');
        String a = slash < 0 ? w : w.substring(0, slash);
        boolean v6 = a.indexOf(':') >= 0;
        long hi = 0;
        long lo;
        // InetText, not InetAddress: Java turns ::ffff:a.b.c.d into an IPv4 address, ip6tables does not.
        if (v6) {
            long[] x = InetText.parseIpv6(a);
            if (x == null) {
                throw new IllegalArgumentException("invalid address \"" + a + "\" in \"" + w + "\"");
            }
            hi = x[0];
            lo = x[1];
        } else {
            lo = InetText.parseIptablesIpv4(a);
            if (lo < 0) {
                throw new IllegalArgumentException("host/network \"" + a + "\" not found (numeric addresses only) in \""
                        + w + "\"");
            }
        }
        int bits = v6 ? 128 : 32;
        int prefix = bits;
        if (slash >= 0) {
            String m = w.substring(slash + 1);
            if (!v6 && m.contains(".")) {
                long mask = InetText.parseIptablesIpv4(m);
                if (mask < 0) {
                    throw new IllegalArgumentException("invalid mask \"" + m + "\" in \"" + w + "\"");
                }
                prefix = dottedPrefix(mask, w);
            } else {
                try {
                    prefix = Integer.parseInt(m);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("invalid mask \"" + m + "\" in \"" + w + "\"", e);
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("invalid mask \"" + m + "\" in \"" + w + "\" (0.." + bits + ")");
                }
            }
        }
        long mHi = v6 ? InetText.ipv6MaskHi(prefix) : 0;
        long mLo = v6 ? InetText.ipv6MaskLo(prefix) : InetText.ipv4Mask(prefix);
        return new AddressMask(v6, hi, lo, mHi, mLo, prefix);
    }

    private static int dottedPrefix(long v, String whole) {
        int p = InetText.ipv4PrefixLength(v);
        if (p < 0) {
            throw new IllegalArgumentException("non-contiguous mask in \"" + whole + "\"");
        }
        return p;
    }

    @Override
    public List<String> format(AddressMask v) {
        String a;
        if (v.v6()) {
            a = InetText.formatIpv6(v.hi(), v.lo());
        } else {
            a = InetText.formatIpv4(v.lo());
        }
        int full = v.v6() ? 128 : 32;
        return List.of(v.prefix() == full ? a : a + "/" + v.prefix());
    }

    /** Without {@code -n} the address by name where the system has one (conntrack_dump_addr). */
    @Override
    public List<String> listed(AddressMask v, org.pkttables.api.ext.ListContext ctx) {
        if (ctx.numeric()) {
            return format(v);
        }
        String a = v.v6() ? InetText.formatIpv6(v.hi(), v.lo()) : InetText.formatIpv4(v.lo());
        String name = ctx.addressName(a);
        int full = v.v6() ? 128 : 32;
        String shown = name != null ? name : a;
        return List.of(v.prefix() == full ? shown : shown + "/" + v.prefix());
    }
}
