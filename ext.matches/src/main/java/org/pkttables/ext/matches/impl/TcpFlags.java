package org.pkttables.ext.matches.impl;

import java.util.Locale;

import org.pkttables.api.ext.ParameterProblem;

/** TCP header flag bits (byte 13) and their iptables names, in the order iptables lists them. */
final class TcpFlags {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    static final int URG = 0x20;
    static final int ALL = 0x3f;

    private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG"};

    private TcpFlags() {
    }

    /** {@code SYN,ACK}, {@code ALL} or {@code NONE}, any case; empty items are skipped like iptables. */
    static int parse(String list) {
        int bits = 0;
        for (String item : list.split(",", -1)) {
            if (item.isEmpty()) {
                continue;
            }
            bits |= bit(item);
        }
        return bits;
    }

    private static int bit(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (n.equals("ALL")) {
            return ALL;
        }
        if (n.equals("NONE")) {
            return 0;
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(n)) {
                return 1 << i;
            }
        }
        throw new ParameterProblem("unknown TCP flag \"" + name + "\" (valid: SYN ACK FIN RST URG PSH ALL NONE)", "Unknown TCP flag `" + name + "'");
    }

    /** Comma list in bit order ({@code FIN,SYN,RST,ACK}), {@code NONE} for no bits: the iptables listing. */
    static String format(int bits) {
        if (bits == 0) {
            return "NONE";
        }
        return BitNames.join(bits, NAMES, false);
    }
}
