package org.pkttables.conntrack.impl.match;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.pkttables.api.ext.ParamType;

/**
 * {@code address[/prefix]} or {@code address/dotted-mask}, IPv4 or IPv6 literal (no name lookups); listed
 * masked, without the prefix when it is the full length, as iptables prints it.
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
        byte[] addr = literal(a, w);
        boolean v6 = addr.length == 16;
        int bits = v6 ? 128 : 32;
        int prefix = bits;
        if (slash >= 0) {
            String m = w.substring(slash + 1);
            if (!v6 && m.contains(".")) {
                prefix = dottedPrefix(literal(m, w), w);
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
        long hi = 0;
        long lo = 0;
        if (v6) {
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (addr[i] & 0xff);
                lo = (lo << 8) | (addr[8 + i] & 0xff);
            }
        } else {
            for (byte b : addr) {
                lo = (lo << 8) | (b & 0xff);
            }
        }
        long mHi;
        long mLo;
        if (v6) {
            mHi = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
            mLo = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        } else {
            mHi = 0;
            mLo = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        }
        return new AddressMask(v6, hi & mHi, lo & mLo, mHi, mLo, prefix);
    }

    private static byte[] literal(String a, String whole) {
        boolean ok = !a.isEmpty() && (a.indexOf(':') >= 0 || a.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
        if (ok && a.indexOf(':') < 0 && a.split("\\.", -1).length != 4) {
            ok = false;
        }
        if (!ok) {
            throw new IllegalArgumentException("host/network \"" + a + "\" not found (numeric addresses only) in \""
                    + whole + "\"");
        }
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address \"" + a + "\" in \"" + whole + "\"", e);
        }
    }

    private static int dottedPrefix(byte[] m, String whole) {
        long v = 0;
        for (byte b : m) {
            v = (v << 8) | (b & 0xff);
        }
        int p = Long.bitCount(v);
        long expect = p == 0 ? 0 : (0xffffffffL << (32 - p)) & 0xffffffffL;
        if (v != expect) {
            throw new IllegalArgumentException("non-contiguous mask in \"" + whole + "\"");
        }
        return p;
    }

    @Override
    public List<String> format(AddressMask v) {
        String a;
        if (v.v6()) {
            byte[] b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (v.hi() >>> (56 - 8 * i));
                b[8 + i] = (byte) (v.lo() >>> (56 - 8 * i));
            }
            a = Ipv6Text.compress(b);
        } else {
            long x = v.lo();
            a = ((x >>> 24) & 0xff) + "." + ((x >>> 16) & 0xff) + "." + ((x >>> 8) & 0xff) + "." + (x & 0xff);
        }
        int full = v.v6() ? 128 : 32;
        return List.of(v.prefix() == full ? a : a + "/" + v.prefix());
    }
}
