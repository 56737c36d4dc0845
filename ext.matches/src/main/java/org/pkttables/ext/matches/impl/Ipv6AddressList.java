package org.pkttables.ext.matches.impl;

import java.util.Arrays;
import java.util.List;

import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamType;

/**
 * A comma-separated list of up to 16 IPv6 addresses ({@code --rt-0-addrs}), kept as pairs of longs
 * (high, low) and listed in inet_ntop form. Immutable.
 */
final class Ipv6AddressList {
    static final int MAX = 16;

    static final ParamType<Ipv6AddressList> TYPE = new ParamType<>("address[,address]...", 1) {
        @Override
        public Ipv6AddressList parse(List<String> words) {
            String w = words.get(0);
            String[] items = w.split(",", -1);
            if (items.length > MAX) {
                throw new IllegalArgumentException("too many addresses in \"" + w + "\" (at most " + MAX + ")");
            }
            long[] v = new long[items.length * 2];
            for (int i = 0; i < items.length; i++) {
                long[] g = InetText.parseIpv6(items[i]);
                if (g == null) {
                    throw new IllegalArgumentException("invalid IPv6 address \"" + items[i] + "\"");
                }
                v[2 * i] = g[0];
                v[2 * i + 1] = g[1];
            }
            return new Ipv6AddressList(v);
        }

        @Override
        public List<String> format(Ipv6AddressList l) {
            return List.of(l.toString());
        }
    };

    private final long[] words;

    private Ipv6AddressList(long[] words) {
        this.words = words;
    }

    int size() {
        return words.length / 2;
    }

    long high(int i) {
        return words[2 * i];
    }

    long low(int i) {
        return words[2 * i + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6AddressList l && Arrays.equals(words, l.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(InetText.formatIpv6(high(i), low(i)));
        }
        return sb.toString();
    }
}
