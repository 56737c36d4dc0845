package org.pkttables.ext.matches.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParameterProblem;

/**
 * {@code --chunk-types all|any|only TYPE[:FLAGS][,TYPE[:FLAGS]]...} as libxt_sctp reads it: chunk names
 * (case-insensitive), {@code ALL} or {@code NONE}; flags as letters, upper case "set", lower case
 * "clear" (DATA: I U B E; ABORT and SHUTDOWN_COMPLETE: T), merged when a chunk is named twice, for
 * at most four chunk types. Listed in chunk-number order, flags from the high bit down.
 */
final class SctpChunksType extends ParamType<SctpChunks> {
    static final SctpChunksType INSTANCE = new SctpChunksType();

    private static final String[] MODES = {"all", "any", "only"};
    private static final Map<String, Integer> TYPES = new LinkedHashMap<>();
    private static final String[] NAME_OF = new String[256];

    static {
        String[] names = {"DATA:0", "INIT:1", "INIT_ACK:2", "SACK:3", "HEARTBEAT:4", "HEARTBEAT_ACK:5", "ABORT:6",
            "SHUTDOWN:7", "SHUTDOWN_ACK:8", "ERROR:9", "COOKIE_ECHO:10", "COOKIE_ACK:11", "ECN_ECNE:12",
            "ECN_CWR:13", "SHUTDOWN_COMPLETE:14", "I_DATA:64", "RE_CONFIG:130", "PAD:132", "ASCONF:193",
            "ASCONF_ACK:128", "FORWARD_TSN:192", "I_FORWARD_TSN:194"};
        for (String n : names) {
            int c = n.indexOf(':');
            int t = Integer.parseInt(n.substring(c + 1));
            TYPES.put(n.substring(0, c), t);
            NAME_OF[t] = n.substring(0, c);
        }
    }

    private SctpChunksType() {
        super("all|any|only chunk[:flags][,...]", 2);
    }

    /** The flag letters of a chunk type, bit 7 first ('-' for no flag). */
    private static String flagLetters(int type) {
        switch (type) {
            case 0:
                return "----IUBE";
            case 6:
            case 14:
                return "-------T";
            default:
                return "--------";
        }
    }

    @Override
    public SctpChunks parse(List<String> words) {
        String m = words.get(0).toLowerCase(Locale.ROOT);
        int mode = List.of(MODES).indexOf(m);
        if (mode < 0) {
            throw new IllegalArgumentException("bad chunk match type \"" + words.get(0) + "\" (want all, any or only)");
        }
        String list = words.get(1);
        long[] map = new long[4];
        List<int[]> flags = new ArrayList<>();
        String[] items = list.split(",", -1);
        for (String item : items) {
            int colon = item.indexOf(':');
            String name = (colon < 0 ? item : item.substring(0, colon)).toUpperCase(Locale.ROOT);
            if (name.equals("ALL") || name.equals("NONE")) {
                if (items.length != 1 || colon >= 0) {
                    throw new IllegalArgumentException(name + " must be the only chunk type in \"" + list + "\"");
                }
                if (name.equals("ALL")) {
                    java.util.Arrays.fill(map, -1L);
                }
                continue;
            }
            Integer type = TYPES.get(name);
            if (type == null) {
                throw new ParameterProblem("unknown SCTP chunk type \"" + item + "\" (valid: "
                        + String.join(", ", TYPES.keySet()) + ", ALL, NONE)", "Unknown sctp chunk `" + item + "'");
            }
            map[type >>> 6] |= 1L << (type & 63);
            String fl = colon < 0 ? "" : item.substring(colon + 1);
            String letters = flagLetters(type);
            for (char ch : fl.toCharArray()) {
                int idx = letters.indexOf(Character.toUpperCase(ch));
                if (idx < 0 || ch == '-') {
                    throw new ParameterProblem("invalid flag '" + ch + "' for chunk " + name, "Invalid flags for chunk type " + type);
                }
                int bit = 1 << (7 - idx);
                int[] e = null;
                for (int[] f : flags) {
                    if (f[0] == type) {
                        e = f;
                    }
                }
                if (e == null) {
                    if (flags.size() == SctpChunks.MAX_FLAGGED) {
                        throw new IllegalArgumentException("flags on more than " + SctpChunks.MAX_FLAGGED
                                + " chunk types");
                    }
                    e = new int[] {type, 0, 0};
                    flags.add(e);
                }
                e[1] |= bit;
                if (Character.isUpperCase(ch)) {
                    e[2] |= bit;
                }
            }
        }
        int n = flags.size();
        int[] ft = new int[n];
        int[] fm = new int[n];
        int[] fv = new int[n];
        for (int i = 0; i < n; i++) {
            ft[i] = flags.get(i)[0];
            fm[i] = flags.get(i)[1];
            fv[i] = flags.get(i)[2];
        }
        return new SctpChunks(mode, map, ft, fm, fv);
    }

    @Override
    public List<String> format(SctpChunks c) {
        return words(c, false);
    }

    /** As {@link #format}; under {@code -n} each chunk type as its number, {@code 0x0006:T}. */
    @Override
    public List<String> listed(SctpChunks c, org.pkttables.api.ext.ListContext ctx) {
        return words(c, ctx.numeric());
    }

    private List<String> words(SctpChunks c, boolean numeric) {
        boolean all = true;
        boolean none = true;
        for (int i = 0; i < 4; i++) {
            all &= c.word(i) == -1L;
            none &= c.word(i) == 0;
        }
        String list;
        if (all || none) {
            list = all ? "ALL" : "NONE";
        } else {
            StringBuilder sb = new StringBuilder();
            for (int t = 0; t < 256; t++) {
                if (!c.contains(t)) {
                    continue;
                }
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(numeric ? String.format(java.util.Locale.ROOT, "0x%04X", t)
                        : NAME_OF[t] != null ? NAME_OF[t] : Integer.toString(t));
                int fi = c.flagIndex(t);
                if (fi >= 0) {
                    sb.append(':');
                    String letters = flagLetters(t);
                    for (int b = 7; b >= 0; b--) {
                        if ((c.flagMask(fi) & 1 << b) != 0) {
                            char l = letters.charAt(7 - b);
                            sb.append((c.flagValue(fi) & 1 << b) != 0 ? l : Character.toLowerCase(l));
                        }
                    }
                }
            }
            list = sb.toString();
        }
        return List.of(MODES[c.mode()], list);
    }
}
