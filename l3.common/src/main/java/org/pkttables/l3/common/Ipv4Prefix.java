package org.pkttables.l3.common;


import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * An IPv4 {@code address[/mask]} as two ints; the address is stored already masked, as iptables
 * does ({@code 10.1.2.3/8} lists as {@code 10.0.0.0/8}).
 */
public record Ipv4Prefix(int address, int mask) {
    public Ipv4Prefix {
        address &= mask;
    }

    /** True for the mask {@code /0}, which matches every address (the tools then omit the option). */
    public boolean matchesAll() {
        return mask == 0;
    }

    /** Hot path: one int compare. */
    public boolean contains(int addr) {
        return (addr & mask) == address;
    }

    /**
     * Parses {@code a.b.c.d[/len|/a.b.c.d]} the way iptables does ({@link InetText#parseIptablesIpv4}): numbers
     * may be hex or octal as in C, missing trailing parts of the address are zero ({@code 10/8}); host names
     * are not looked up.
     */
    public static Ipv4Prefix parse(String s) {
        if (s.indexOf(',') >= 0) {
            throw new IllegalArgumentException("address list \"" + s + "\" is not supported: write one rule per address");
        }
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        int a = parseAddress(addr, false, s);
        if (slash < 0) {
            return new Ipv4Prefix(a, -1);
        }
        String m = s.substring(slash + 1);
        if (m.indexOf('.') >= 0) {
            return new Ipv4Prefix(a, parseAddress(m, true, s));
        }
        int len;
        try {
            len = Integer.parseInt(m);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid mask `" + m + "' specified in \"" + s + "\"", e);
        }
        if (len < 0 || len > 32 || m.startsWith("+")) {
            throw new IllegalArgumentException("invalid mask `" + m + "' specified in \"" + s + "\"");
        }
        return new Ipv4Prefix(a, maskOf(len));
    }

    public static int maskOf(int len) {
        return (int) InetText.ipv4Mask(len);
    }

    /** The prefix length of a contiguous mask, -1 for a mask such as 255.0.255.0. */
    public static int prefixLength(int mask) {
        return InetText.ipv4PrefixLength(mask);
    }

    /** xtables' numeric parser; a mask must have all four parts. */
    private static int parseAddress(String a, boolean isMask, String whole) {
        long v = isMask && a.split("\\.", -1).length != 4 ? -1 : InetText.parseIptablesIpv4(a);
        if (v < 0) {
            throw new IllegalArgumentException(isMask ? "invalid mask `" + a + "' specified in \"" + whole + "\""
                    : "host/network `" + a + "' not found");
        }
        return (int) v;
    }

    public static String dotted(int a) {
        return InetText.formatIpv4(a);
    }

    /**
     * The listing form: {@code 10.0.0.0/8}, a non-contiguous mask dotted ({@code 10.0.12.0/255.0.255.0});
     * with {@code omitHostMask} (arptables) a /32 address is printed bare.
     */
    public String format(boolean omitHostMask) {
        int len = prefixLength(mask);
        if (len == 32 && omitHostMask) {
            return dotted(address);
        }
        return dotted(address) + "/" + (len >= 0 ? Integer.toString(len) : dotted(mask));
    }

    @Override
    public String toString() {
        return format(false);
    }

    /** The {@code -s}/{@code -d} value type; {@code omitHostMask} as in {@link #format(boolean)}. */
    public static ParamType<Ipv4Prefix> type(boolean omitHostMask) {
        return ParamTypes.word("address[/mask]", w -> Ipv4Prefix.parse(w), v -> v.format(omitHostMask));
    }
}
