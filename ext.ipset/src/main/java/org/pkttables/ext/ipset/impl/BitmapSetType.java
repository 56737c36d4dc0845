package org.pkttables.ext.ipset.impl;

import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import org.pkttables.api.ext.InetText;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetException;
import org.pkttables.ext.ipset.api.SetType;

/**
 * {@code bitmap:ip} (an IPv4 range of at most 65536 addresses or netmask blocks), {@code bitmap:ip,mac}
 * (the same addresses, each with the MAC address it must come from) and {@code bitmap:port}.
 */
final class BitmapSetType implements SetType {
    private static final Set<String> IP_OPTIONS = Set.of("range", "netmask", "timeout", "counters", "comment",
            "skbinfo");
    private static final Set<String> PORT_OPTIONS = Set.of("range", "timeout", "counters", "comment", "skbinfo");

    private final String name;

    /** @param name {@code bitmap:ip}, {@code bitmap:ip,mac} or {@code bitmap:port} */
    BitmapSetType(String name) {
        if (!name.equals("bitmap:ip") && !name.equals("bitmap:ip,mac") && !name.equals("bitmap:port")) {
            throw new IllegalArgumentException("no bitmap type " + name);
        }
        this.name = name;
    }

    boolean isPort() {
        return name.equals("bitmap:port");
    }

    boolean isIpMac() {
        return name.equals("bitmap:ip,mac");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int revision() {
        return 3;
    }

    @Override
    public SetContents create(List<String> options, LongSupplier clock) {
        boolean port = isPort();
        // bitmap:ip,mac takes the options of bitmap:port: a range, the extensions, no netmask
        CreateOptions o = CreateOptions.parse(options, port || isIpMac() ? PORT_OPTIONS : IP_OPTIONS);
        if (o.range == null) {
            throw new SetException("Mandatory option `range' is missing", true);
        }
        long lo;
        long hi;
        String r = o.range;
        if (port) {
            int dash = r.indexOf('-');
            if (dash < 0) {
                throw new SetException("Syntax error: range " + r + " must be FROMPORT-TOPORT");
            }
            lo = PortDim.portNumber(r.substring(0, dash));
            hi = PortDim.portNumber(r.substring(dash + 1));
        } else {
            int dash = r.indexOf('-');
            int slash = r.indexOf('/');
            if (dash >= 0) {
                lo = Inet.parse4(r.substring(0, dash));
                hi = Inet.parse4(r.substring(dash + 1));
            } else if (slash >= 0) {
                int cidr = (int) Numbers.parse(r.substring(slash + 1), 1, 32);
                lo = Inet.parse4(r.substring(0, slash)) & InetText.ipv4Mask(cidr);
                hi = lo | (~InetText.ipv4Mask(cidr) & 0xffffffffL);
            } else {
                throw new SetException("Syntax error: range " + r + " must be FROM-TO or IP/CIDR");
            }
        }
        if (lo > hi) {
            long t = lo;
            lo = hi;
            hi = t;
        }
        int shift = 0;
        if (!port && o.netmask >= 0) {
            if (o.netmask > 32) {
                throw new SetException("Syntax error: '" + o.netmask + "' is out of range 1-32");
            }
            shift = 32 - o.netmask;
            lo &= InetText.ipv4Mask(o.netmask);
            hi |= ~InetText.ipv4Mask(o.netmask) & 0xffffffffL;
        }
        return new BitmapContents(this, o, clock, lo, hi, shift);
    }
}
