package org.pkttables.ext.ipset.impl;

import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.ext.ipset.api.SetException;

/**
 * The range a {@code bitmap:*} set covers and the element text within it: an argument ({@code 10.0.0.1},
 * {@code 10.0.0.0/30}, {@code 10.0.0.1-10.0.0.9}, {@code 80}, {@code tcp:80-90}, {@code IP,MAC}) to the
 * indexes of the elements it stands for. Control plane only ({@link BitmapContents}' writers and tests).
 */
final class BitmapRange {
    private final boolean port;
    private final boolean ipMac;
    private final long first;
    private final long last;
    private final int shift;

    BitmapRange(BitmapSetType type, long first, long last, int shift) {
        this.port = type.isPort();
        this.ipMac = type.isIpMac();
        this.first = first;
        this.last = last;
        this.shift = shift;
    }

    /** The element indexes an argument stands for, as [from, to]; out of range is an error. */
    int[] indexes(String element) {
        long lo;
        long hi;
        if (port) {
            String s = element;
            int colon = s.indexOf(':');
            if (colon >= 0) {
                s = s.substring(colon + 1); // bitmap:port ignores the protocol, as ipset does
            }
            int dash = s.indexOf('-');
            lo = PortDim.portNumber(dash < 0 ? s : s.substring(0, dash));
            hi = dash < 0 ? lo : PortDim.portNumber(s.substring(dash + 1));
        } else {
            if (ipMac) {
                int comma = element.indexOf(',');
                element = comma < 0 ? element : element.substring(0, comma);
                if (element.indexOf('-') >= 0 || element.indexOf('/') >= 0) {
                    throw new SetException("Syntax error: plain IP address must be supplied: " + element);
                }
            }
            int dash = element.indexOf('-');
            int slash = element.indexOf('/');
            if (dash >= 0) {
                lo = Inet.parse4(element.substring(0, dash));
                hi = Inet.parse4(element.substring(dash + 1));
            } else if (slash >= 0) {
                int cidr = (int) Numbers.parse(element.substring(slash + 1), 1, 32);
                lo = Inet.parse4(element.substring(0, slash)) & InetText.ipv4Mask(cidr);
                hi = lo | (~InetText.ipv4Mask(cidr) & 0xffffffffL);
            } else {
                lo = hi = Inet.parse4(element);
            }
        }
        if (lo > hi) {
            long t = lo;
            lo = hi;
            hi = t;
        }
        if (lo < first || hi > last) {
            throw new SetException("Element is out of the range of the set");
        }
        return new int[] {(int) ((lo - first) >>> shift), (int) ((hi - first) >>> shift)};
    }

    /** The MAC part of a bitmap:ip,mac element ({@code IP,MAC}), or -1 when there is none. */
    static long macOf(String element) {
        int comma = element.indexOf(',');
        if (comma < 0) {
            return -1;
        }
        String m = element.substring(comma + 1);
        try {
            return ParamTypes.parseMac(m);
        } catch (IllegalArgumentException e) {
            throw new SetException("Syntax error: cannot parse '" + m + "' as ethernet address", e);
        }
    }
}
