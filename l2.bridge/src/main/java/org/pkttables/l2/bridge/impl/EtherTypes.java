package org.pkttables.l2.bridge.impl;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * Ethernet protocol names for {@code -p}, {@code --arp-ptype} and {@code --vlan-encap}, from
 * /etc/ethertypes as netbase ships it (built in, so listings do not depend on the machine), plus
 * ebtables' {@code LENGTH}: any 802.3 length field (below 0x0600).
 */
final class EtherTypes {
    /** The value -p LENGTH stands for (no real ethertype is 0: ebtables refuses -p 0). */
    static final int LENGTH = 0;

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        String table = "IPv4 0800 ip ip4;X25 0805;ARP 0806 ether-arp;FR_ARP 0808;BPQ 08FF;DEC 6000;DNA_DL 6001;"
                + "DNA_RC 6002;DNA_RT 6003;LAT 6004;DIAG 6005;CUST 6006;SCA 6007;TEB 6558;RAW_FR 6559;"
                + "RARP 8035;AARP 80F3;ATALK 809B;802_1Q 8100 8021q 1q 802.1q dot1q;IPX 8137;NetBEUI 8191;"
                + "IPv6 86DD ip6;PPP 880B;ATMMPOA 884C;PPP_DISC 8863;PPP_SES 8864;ATMFATE 8884;LOOP 9000;"
                + "802_1AD 88A8;802_1AH 88E7;LLDP 88CC;MACSEC 88E5";
        for (String e : table.split(";")) {
            String[] f = e.split(" ");
            int v = Integer.parseInt(f[1], 16);
            NAMES.putIfAbsent(v, f[0]);
            for (int i = 0; i < f.length; i++) {
                if (i != 1) {
                    BY_NAME.putIfAbsent(f[i].toLowerCase(Locale.ROOT), v);
                }
            }
        }
    }

    private EtherTypes() {
    }

    /** The number of a name ({@code IPv4}, any case) or of hexadecimal digits; -1 if neither. */
    static int number(String s) {
        Integer n = BY_NAME.get(s.toLowerCase(Locale.ROOT));
        if (n != null) {
            return n;
        }
        if (s.equalsIgnoreCase("length")) {
            return LENGTH;
        }
        String h = s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
        if (h.isEmpty() || h.length() > 4 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return -1;
        }
        return Integer.parseInt(h, 16);
    }

    static String name(int v) {
        return NAMES.get(v);
    }

    /**
     * An EtherType (a name or a hex number) of at least {@code min}, printed with {@code format}; a bad one is
     * refused with {@code problem} and the word in quotes.
     */
    static ParamType<Integer> type(String name, int min, String problem, String format) {
        return ParamTypes.word(name, w -> {
            int n = number(w);
            if (n < min) {
                throw new IllegalArgumentException(problem + " '" + w + "'");
            }
            return n;
        }, v -> String.format(Locale.ROOT, format, v));
    }

    /** {@code -p}: a name, hex number >= 0x0600, or LENGTH; listed by name, else as 0x%04x. */
    static ParamType<Integer> protocolType() {
        return new ParamType<>("protocol", 1) {
            @Override
            public Integer parse(List<String> words) {
                String w = words.get(0);
                if (w.equalsIgnoreCase("length")) {
                    return LENGTH;
                }
                int n = number(w);
                if (n < 0) {
                    throw new IllegalArgumentException("Problem with the specified protocol '" + w + "'");
                }
                if (n < 0x0600) {
                    throw new IllegalArgumentException("Sorry, protocols have values above or equal to 0x0600 ('"
                            + w + "')");
                }
                return n;
            }

            @Override
            public List<String> format(Integer v) {
                if (v == LENGTH) {
                    return List.of("Length");
                }
                String n = EtherTypes.name(v);
                return List.of(n != null ? n : String.format(Locale.ROOT, "0x%04x", v));
            }
        };
    }
}
