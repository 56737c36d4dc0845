package org.pkttables.ext.targets.impl;

import java.util.List;
import java.util.Map;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ParamType;

/**
 * {@code --strip-options}: a comma list of TCP option kinds 2-255 or their names (lower case, as
 * libxt_TCPOPTSTRIP reads them), no repeats; kept as a 256-bit set and listed as ascending numbers.
 */
final class TcpOptionSetType extends ParamType<TcpOptionSet> {
    static final TcpOptionSetType INSTANCE = new TcpOptionSetType();

    private static final Map<String, Integer> NAMES = Map.of("wscale", 3, "mss", 2, "sack-permitted", 4, "sack", 5,
            "timestamp", 8, "md5", 19);

    private TcpOptionSetType() {
        super("option[,option]...", 1);
    }

    @Override
    public TcpOptionSet parse(List<String> words) {
        String w = words.get(0);
        long[] bits = new long[4];
        for (String item : w.split(",", -1)) {
            Integer named = NAMES.get(item);
            long kind = named != null ? named : CNumbers.parse(item, 255);
            if (kind < 2) {
                throw new ParameterProblem("bad TCP option \"" + item + "\" in \"" + w + "\" (want 2-255 or"
                        + " mss, wscale, sack-permitted, sack, timestamp, md5)", "Bad TCP option value \"" + item + "\"");
            }
            int k = (int) kind;
            if ((bits[k >>> 6] & 1L << (k & 63)) != 0) {
                throw new IllegalArgumentException("TCP option " + k + " given twice in \"" + w + "\"");
            }
            bits[k >>> 6] |= 1L << (k & 63);
        }
        return new TcpOptionSet(bits);
    }

    @Override
    public List<String> format(TcpOptionSet v) {
        return List.of(v.toString());
    }

    /** Without {@code -n} the options by name where they have one ({@code mss,wscale,8}... as libxt_TCPOPTSTRIP). */
    @Override
    public List<String> listed(TcpOptionSet v, org.pkttables.api.ext.ListContext ctx) {
        if (ctx.numeric()) {
            return format(v);
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 256; k++) {
            if (v.contains(k)) {
                String name = null;
                for (Map.Entry<String, Integer> e : NAMES.entrySet()) {
                    if (e.getValue() == k) {
                        name = e.getKey();
                    }
                }
                sb.append(sb.length() > 0 ? "," : "").append(name != null ? name : Integer.toString(k));
            }
        }
        return List.of(sb.toString());
    }
}
