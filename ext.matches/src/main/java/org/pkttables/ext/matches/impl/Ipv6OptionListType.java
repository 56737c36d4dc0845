package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParamType;

/**
 * {@code type[:length][,type[:length]]...}, at most 15 entries. Numbers are read like strtoul and
 * kept to 8 bits as libip6t_hbh does ({@code 256} becomes 0); Pad1 (type 0) takes no length.
 */
final class Ipv6OptionListType extends ParamType<Ipv6OptionList> {
    static final int MAX = 15;
    static final Ipv6OptionListType INSTANCE = new Ipv6OptionListType();

    private Ipv6OptionListType() {
        super("type[:length][,type[:length]]...", 1);
    }

    @Override
    public Ipv6OptionList parse(List<String> words) {
        String w = words.get(0);
        String[] items = w.split(",", -1);
        if (items.length > MAX) {
            throw new IllegalArgumentException("too many options in \"" + w + "\" (at most " + MAX + ")");
        }
        int[] e = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            int colon = item.indexOf(':');
            int type = byteOf(colon < 0 ? item : item.substring(0, colon), w);
            int len = colon < 0 ? Ipv6OptionList.ANY_LENGTH : byteOf(item.substring(colon + 1), w);
            if (type == 0 && colon >= 0) {
                throw new IllegalArgumentException("option type 0 (Pad1) in \"" + w + "\" has no length");
            }
            e[i] = type << 8 | len;
        }
        return new Ipv6OptionList(e);
    }

    /** strtoul's value kept to 8 bits: {@code -1} is 255, {@code 256} is 0. */
    private static int byteOf(String s, String whole) {
        boolean neg = s.startsWith("-");
        long v = CNumbers.parse(neg ? s.substring(1) : s, 0xffffffffL);
        if (v < 0) {
            throw new IllegalArgumentException("invalid number \"" + s + "\" in \"" + whole + "\"");
        }
        return (int) ((neg ? -v : v) & 0xff);
    }

    @Override
    public List<String> format(Ipv6OptionList v) {
        return List.of(v.toString());
    }
}
