package org.pkttables.ext.ipset.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.pkttables.ext.ipset.api.SetException;

/** The options after the element of {@code ipset add}: timeout, counters, comment, nomatch, skbinfo. */
final class EntryOptions {
    static final int MAX_COMMENT = 255;

    /** Seconds, -1 when not given (the set's default applies). */
    long timeout = -1;
    boolean setCounters;
    long packets;
    long bytes;
    String comment;
    boolean nomatch;
    /** hash:net,iface: the interface name is a prefix. */
    boolean wildcard;
    /** skbmark, mask, skbprio, skbqueue; null when none given. */
    long[] skb;
    /** list:set position: the member name to add before or after, or null. */
    String before;
    String after;

    static EntryOptions parse(List<String> words, CreateOptions set, boolean nomatchAllowed, boolean listSet) {
        return parse(words, set, nomatchAllowed, listSet, false);
    }

    static EntryOptions parse(List<String> words, CreateOptions set, boolean nomatchAllowed, boolean listSet,
            boolean wildcardAllowed) {
        EntryOptions o = new EntryOptions();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            switch (w) {
                case "timeout":
                    if (set.timeout < 0) {
                        throw new SetException("Timeout cannot be used: set was created without timeout support");
                    }
                    o.timeout = Numbers.parse(Numbers.arg(words, i++, w), 0, CreateOptions.MAX_TIMEOUT);
                    break;
                case "packets":
                case "bytes":
                    if (!set.counters) {
                        throw new SetException(
                                "Packet/byte counters cannot be used: set was created without counter support");
                    }
                    long v = Numbers.parse(Numbers.arg(words, i++, w), 0, Long.MAX_VALUE);
                    if (w.equals("packets")) {
                        o.packets = v;
                    } else {
                        o.bytes = v;
                    }
                    o.setCounters = true;
                    break;
                case "comment":
                    if (!set.comment) {
                        throw new SetException("Comment cannot be used: set was created without comment support");
                    }
                    String c = Numbers.arg(words, i++, w);
                    if (c.getBytes(StandardCharsets.UTF_8).length > MAX_COMMENT) {
                        throw new SetException("Syntax error: comment is longer than " + MAX_COMMENT + " bytes");
                    }
                    if (c.indexOf('"') >= 0) {
                        throw new SetException("Syntax error: \" character is not permitted in comments");
                    }
                    o.comment = c;
                    break;
                case "nomatch":
                    if (!nomatchAllowed) {
                        throw new SetException("Unknown argument: `nomatch'", true);
                    }
                    o.nomatch = true;
                    break;
                case "wildcard":
                    if (!wildcardAllowed) {
                        throw new SetException("Unknown argument: `wildcard'", true);
                    }
                    o.wildcard = true;
                    break;
                case "skbmark":
                case "skbprio":
                case "skbqueue":
                    if (!set.skbinfo) {
                        throw new SetException(
                                "Skbinfo mapping cannot be used: set was created without skbinfo support");
                    }
                    if (o.skb == null) {
                        o.skb = new long[4];
                    }
                    skb(o.skb, w, Numbers.arg(words, i++, w));
                    break;
                case "before":
                case "after":
                    if (!listSet) {
                        throw new SetException("Unknown argument: `" + w + "'", true);
                    }
                    if (o.before != null || o.after != null) {
                        throw new SetException("Syntax error: before and after cannot both be given");
                    }
                    if (w.equals("before")) {
                        o.before = Numbers.arg(words, i++, w);
                    } else {
                        o.after = Numbers.arg(words, i++, w);
                    }
                    break;
                default:
                    throw new SetException("Unknown argument: `" + w + "'", true);
            }
        }
        return o;
    }

    private static void skb(long[] skb, String option, String v) {
        switch (option) {
            case "skbmark": {
                int slash = v.indexOf('/');
                long mark = hex(slash < 0 ? v : v.substring(0, slash));
                long mask = slash < 0 ? 0xffffffffL : hex(v.substring(slash + 1));
                if (mark < 0 || mask < 0) {
                    throw new SetException(
                            "Syntax error: Invalid skbmark format, it should be:  MARK/MASK or MARK (see manpage)");
                }
                skb[0] = mark;
                skb[1] = mask;
                break;
            }
            case "skbprio": {
                int colon = v.indexOf(':');
                long major = colon < 0 ? -1 : hexDigits(v.substring(0, colon));
                long minor = colon < 0 ? -1 : hexDigits(v.substring(colon + 1));
                if (major < 0 || minor < 0 || major > 0xffff || minor > 0xffff) {
                    throw new SetException(
                            "Syntax error: Invalid skbprio format, it should be:  MAJOR:MINOR (see manpage)");
                }
                skb[2] = (major << 16) | minor;
                break;
            }
            default:
                skb[3] = Numbers.parse(v, 0, 0xffff);
        }
    }

    /** {@code 0x}-prefixed hex up to 32 bits, as ipset wants marks; -1 otherwise. */
    private static long hex(String s) {
        if (!s.startsWith("0x") && !s.startsWith("0X")) {
            return -1;
        }
        long v = hexDigits(s.substring(2));
        return v > 0xffffffffL ? -1 : v;
    }

    private static long hexDigits(String s) {
        if (s.isEmpty() || s.length() > 8) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** Appends the skbinfo options of an entry as ipset lists them (only the parts that are set). */
    static void appendSkb(StringBuilder sb, long mark, long mask, long prio, long queue) {
        if (mask != 0) {
            sb.append(" skbmark 0x").append(Long.toHexString(mark));
            if (mask != 0xffffffffL) {
                sb.append("/0x").append(Long.toHexString(mask));
            }
        }
        if (prio != 0) {
            sb.append(" skbprio ").append(Long.toHexString(prio >>> 16)).append(':')
                    .append(Long.toHexString(prio & 0xffff));
        }
        if (queue != 0) {
            sb.append(" skbqueue ").append(queue);
        }
    }
}
