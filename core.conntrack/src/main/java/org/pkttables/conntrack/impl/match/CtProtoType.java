package org.pkttables.conntrack.impl.match;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParamType;

/**
 * {@code --ctproto}: a protocol name or number 0..255, listed as the number (as iptables 1.8.9 does). 0 is taken
 * as 1.8.9 takes it: no connection has protocol 0, so it matches none (and {@code !} every one).
 */
final class CtProtoType extends ParamType<Integer> {
    static final CtProtoType INSTANCE = new CtProtoType();
    private static final Map<String, Integer> NAMES = Map.ofEntries(Map.entry("icmp", 1), Map.entry("igmp", 2),
            Map.entry("tcp", 6), Map.entry("udp", 17), Map.entry("ipv6", 41), Map.entry("gre", 47),
            Map.entry("esp", 50), Map.entry("ah", 51), Map.entry("ipv6-icmp", 58), Map.entry("icmpv6", 58),
            Map.entry("icmp6", 58), Map.entry("ospf", 89), Map.entry("sctp", 132), Map.entry("udplite", 136),
            Map.entry("dccp", 33));

    private CtProtoType() {
        super("protocol", 1);
    }

    @Override
    public Integer parse(List<String> words) {
        String w = words.get(0);
        Integer n = NAMES.get(w.toLowerCase(Locale.ROOT));
        long v = n != null ? n : CNumbers.parseDecimal(w, 255);
        if (v < 0) {
            throw new IllegalArgumentException("ctproto: unknown protocol \"" + w + "\"");
        }
        return (int) v;
    }

    @Override
    public List<String> format(Integer v) {
        return List.of(Integer.toString(v));
    }
}
