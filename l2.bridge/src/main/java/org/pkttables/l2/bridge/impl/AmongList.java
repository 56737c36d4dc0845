package org.pkttables.l2.bridge.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * The value of {@code --among-src}/{@code --among-dst}: {@code mac[=ip],…}. ebtables-nft keeps it as a
 * set and lists it sorted by MAC, then IP, MACs without leading zeros ({@code de:ad:0:be:ee:ff}).
 * An entry with an IP matches only IPv4 and ARP frames with that address.
 */
record AmongList(long[] macs, long[] ips) {
    static final long NO_IP = -1;

    static AmongList parse(String w) {
        if (w.isEmpty()) {
            throw new IllegalArgumentException("empty MAC list");
        }
        List<long[]> entries = new ArrayList<>();
        for (String e : w.split(",", -1)) {
            int eq = e.indexOf('=');
            long mac = MacMask.parseMac(eq < 0 ? e.strip() : e.substring(0, eq).strip());
            long ip = NO_IP;
            if (eq >= 0) {
                ip = InetText.parseDottedQuad(e.substring(eq + 1).strip());
                if (ip < 0) {
                    throw new IllegalArgumentException("bad IP address '" + e.substring(eq + 1) + "'");
                }
            }
            entries.add(new long[] { mac, ip });
        }
        entries.sort(Comparator.<long[]>comparingLong(x -> x[0]).thenComparingLong(x -> x[1]));
        long[] macs = new long[entries.size()];
        long[] ips = new long[entries.size()];
        for (int i = 0; i < macs.length; i++) {
            macs[i] = entries.get(i)[0];
            ips[i] = entries.get(i)[1];
        }
        return new AmongList(macs, ips);
    }

    String format() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < macs.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(MacMask.formatShort(macs[i]));
            if (ips[i] != NO_IP) {
                sb.append('=').append(InetText.formatIpv4(ips[i]));
            }
        }
        return sb.toString();
    }

    static ParamType<AmongList> type() {
        return ParamTypes.word("mac[=ip],...", w -> AmongList.parse(w), v -> v.format());
    }
}
