package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;

/**
 * {@code --hashlimit-mode srcip,srcport,dstip,dstport} (any order, repeats allowed) as a bit set,
 * listed in libxt_hashlimit's fixed order.
 */
final class HashlimitModeType extends ParamType<Integer> {
    static final HashlimitModeType INSTANCE = new HashlimitModeType();
    static final int SRCIP = 1;
    static final int SRCPORT = 2;
    static final int DSTIP = 4;
    static final int DSTPORT = 8;
    private static final String[] NAMES = {"srcip", "srcport", "dstip", "dstport"};

    private HashlimitModeType() {
        super("srcip,srcport,dstip,dstport", 1);
    }

    @Override
    public Integer parse(List<String> words) {
        int mode = 0;
        for (String part : words.get(0).split(",", -1)) {
            int bit = 0;
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(part)) {
                    bit = 1 << i;
                }
            }
            if (bit == 0) {
                throw new IllegalArgumentException("bad --hashlimit-mode \"" + words.get(0) + "\": \"" + part
                        + "\" is not one of srcip, srcport, dstip, dstport");
            }
            mode |= bit;
        }
        return mode;
    }

    /** {@code srcip-dstport}: -L joins the fields with dashes. */
    @Override
    public List<String> listed(Integer mode, org.pkttables.api.ext.ListContext ctx) {
        return List.of(format(mode).get(0).replace(',', '-'));
    }

    @Override
    public List<String> format(Integer mode) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if ((mode & (1 << i)) != 0) {
                sb.append(sb.length() == 0 ? "" : ",").append(NAMES[i]);
            }
        }
        return List.of(sb.toString());
    }

    @Override
    public List<String> validValues() {
        return List.of(NAMES);
    }
}
