package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamType;

/**
 * The address mask of {@code -m recent --mask}: any address (not only a prefix), IPv4 when written without
 * a colon. An IPv4 mask lives in {@code lo}.
 */
record RecentMask(boolean ipv6, long hi, long lo) {
    static final RecentMask ALL4 = new RecentMask(false, 0, 0xFFFFFFFFL);
    static final RecentMask ALL6 = new RecentMask(true, -1L, -1L);

    /** Reads the mask as the tool does (inet_aton for IPv4, so {@code 24} is 0.0.0.24). */
    static final ParamType<RecentMask> TYPE = new ParamType<>("address", 1) {
        @Override
        public RecentMask parse(List<String> words) {
            String s = words.get(0);
            if (s.indexOf(':') >= 0) {
                long[] a = InetText.parseIpv6(s);
                if (a == null) {
                    throw new IllegalArgumentException("recent: bad --mask \"" + s + "\": not an IPv6 address");
                }
                return new RecentMask(true, a[0], a[1]);
            }
            long v = InetText.parseInetAton(s);
            if (v < 0) {
                throw new IllegalArgumentException("recent: bad --mask \"" + s + "\": not an IPv4 address");
            }
            return new RecentMask(false, 0, v);
        }

        @Override
        public List<String> format(RecentMask m) {
            return List.of(m.ipv6 ? InetText.formatIpv6(m.hi, m.lo) : InetText.formatIpv4(m.lo));
        }
    };
}
