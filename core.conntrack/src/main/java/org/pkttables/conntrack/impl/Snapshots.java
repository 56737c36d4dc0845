package org.pkttables.conntrack.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.pkttables.conntrack.ConntrackEntry;

/** Builds {@link ConntrackEntry} snapshots from table slots (control plane and events only). */
final class Snapshots {
    private Snapshots() {
    }

    static InetAddress address(boolean v6, long hi, long lo) {
        byte[] b;
        if (v6) {
            b = new byte[16];
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
        } else {
            b = new byte[] { (byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo };
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + b.length + " bytes", e); // cannot happen: 4 or 16
        }
    }

    /** The two longs of an address: IPv4 as (0, addr), IPv6 as (high, low). */
    static long[] words(InetAddress a) {
        byte[] b = a.getAddress();
        long hi = 0;
        long lo = 0;
        if (b.length == 4) {
            for (byte x : b) {
                lo = (lo << 8) | (x & 0xff);
            }
        } else {
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (b[i] & 0xff);
                lo = (lo << 8) | (b[8 + i] & 0xff);
            }
        }
        return new long[] { hi, lo };
    }

    /** @param helper the connection's helper name, null for none */
    static ConntrackEntry of(ConntrackTable t, int s, String stateName, String helper, long now) {
        int m = t.meta(s);
        boolean v6 = (m & (1 << 24)) != 0;
        int proto = (m >>> 16) & 0xff;
        int sp = t.ports(s) >>> 16;
        int dp = t.ports(s) & 0xffff;
        InetAddress src = address(v6, t.sHi(s), t.sLo(s));
        InetAddress dst = address(v6, t.dHi(s), t.dLo(s));
        int icmpType = (proto == 1 || proto == 58) ? (m >>> 8) & 0xff : -1;
        int icmpCode = (proto == 1 || proto == 58) ? m & 0xff : -1;
        long left = Math.max(0, t.left(s, now) / 1000);
        InetAddress rsrc = dst;
        InetAddress rdst = src;
        int rsp = dp;
        int rdp = sp;
        if (t.natted(s)) {
            // NAT: the reply tuple the binding gave the entry (replies are looked up by it).
            rsrc = address(v6, t.rSHi(s), t.rSLo(s));
            rdst = address(v6, t.rDHi(s), t.rDLo(s));
            rsp = t.rPorts(s) >>> 16;
            rdp = t.rPorts(s) & 0xffff;
        }
        return new ConntrackEntry(t.id(s), v6 ? 6 : 4, proto, stateName, src, dst, sp, dp, rsrc, rdst, rsp, rdp,
                icmpType, icmpCode, t.status(s), left, t.mark(s), t.packets(s, false), t.bytes(s, false),
                t.packets(s, true), t.bytes(s, true), helper);
    }
}
