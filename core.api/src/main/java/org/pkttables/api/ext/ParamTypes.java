package org.pkttables.api.ext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The value types most extensions need. Each names the bad value in its error message. */
public final class ParamTypes {
    private ParamTypes() {
    }

    /** An option without value ({@code --syn}); the value is {@code Boolean.TRUE}. */
    public static ParamType<Boolean> flag() {
        return new ParamType<>("flag", 0) {
            @Override
            public Boolean parse(List<String> words) {
                return Boolean.TRUE;
            }

            @Override
            public List<String> format(Boolean value) {
                return List.of();
            }
        };
    }

    /** Free text up to {@code maxLen} characters (comment, log prefix); quoted on save when needed. */
    public static ParamType<String> string(int maxLen) {
        return new ParamType<>("string", 1) {
            @Override
            public String parse(List<String> words) {
                String s = words.get(0);
                if (s.length() > maxLen) {
                    throw new IllegalArgumentException("\"" + s + "\" is longer than " + maxLen + " characters");
                }
                return s;
            }

            @Override
            public List<String> format(String value) {
                return List.of(value);
            }

            @Override
            public boolean quoted() {
                return true;
            }
        };
    }

    /** An unsigned integer in [min, max], decimal or 0x-hex on input, decimal on output. */
    public static ParamType<Long> uint(long min, long max) {
        return new ParamType<>("integer " + min + ".." + max, 1) {
            @Override
            public Long parse(List<String> words) {
                long v = CNumbers.parse(words.get(0), Long.MAX_VALUE);
                if (v < 0) {
                    throw ParameterProblem.outOfRange("\"" + words.get(0) + "\" is not a number", min, max);
                }
                if (v < min || v > max) {
                    throw ParameterProblem.outOfRange("value " + words.get(0) + " is outside " + min + ".." + max, min,
                            max);
                }
                return v;
            }

            @Override
            public List<String> format(Long value) {
                return List.of(Long.toString(value));
            }
        };
    }

    /**
     * {@code value[/mask]}, 32 bits each, numbers as C's strtoul reads them ({@code 010} is 8). Listed
     * as {@code 0x5/0xff}; with {@code listFullMask} false the mask is left out when all ones
     * ({@code --mark 0x5}), with true it is always shown ({@code --set-xmark 0x5/0xffffffff}).
     */
    public static ParamType<ValueMask> valueMask32(boolean listFullMask) {
        return new ParamType<>("value[/mask]", 1) {
            @Override
            public ValueMask parse(List<String> words) {
                String w = words.get(0);
                int slash = w.indexOf('/');
                long v = CNumbers.parse(slash < 0 ? w : w.substring(0, slash), ValueMask.ALL);
                long m = slash < 0 ? ValueMask.ALL : CNumbers.parse(w.substring(slash + 1), ValueMask.ALL);
                if (v < 0 || m < 0) {
                    throw ParameterProblem.ofOption("bad value \"" + w + "\" (want value[/mask], each 0-4294967295)",
                            markMaskWords(w));
                }
                return new ValueMask(v, m);
            }

            @Override
            public List<String> format(ValueMask vm) {
                String v = "0x" + Long.toHexString(vm.value());
                return List.of(vm.mask() == ValueMask.ALL && !listFullMask ? v : v + "/0x" + Long.toHexString(vm.mask()));
            }
        };
    }

    /**
     * {@code value/mask} as {@code --set-xmark} takes it ({@link #valueMask32} with the mask always listed),
     * which {@code iptables -L} prints as the operation it performs on a {@code bits}-bit field: {@code and
     * 0x…} (value 0), {@code or 0x…} (value == mask), {@code xor 0x…} (mask 0), {@code set 0x…} (every bit
     * of the mask set) or {@code xset 0x…/0x…} (mark_tg_print of libxt_MARK, also CONNMARK's and TOS').
     *
     * @since 1.5.0
     */
    public static ParamType<ValueMask> xmark(int bits) {
        long all = bits >= 64 ? -1L : (1L << bits) - 1;
        return listedAs(valueMask32(true), (v, ctx) -> {
            long m = v.mask() & all;
            long x = v.value() & all;
            String op;
            if (x == 0) {
                op = "and 0x" + Long.toHexString(~m & all);
            } else if (x == m) {
                op = "or 0x" + Long.toHexString(x);
            } else if (m == 0) {
                op = "xor 0x" + Long.toHexString(x);
            } else if (m == all) {
                op = "set 0x" + Long.toHexString(x);
            } else {
                op = "xset 0x" + Long.toHexString(x) + "/0x" + Long.toHexString(m);
            }
            return List.of(op);
        });
    }

    /**
     * {@code type} as it is, read and saved alike, but listed by {@code iptables -L} as {@code listed} gives
     * it (a hex form, a name, or no words to leave a default out).
     *
     * @since 1.5.0
     */
    public static <T> ParamType<T> listedAs(ParamType<T> type,
            java.util.function.BiFunction<? super T, ListContext, List<String>> listed) {
        return new Delegating<>(type) {
            @Override
            public List<String> listed(T v, ListContext ctx) {
                return listed.apply(v, ctx);
            }
        };
    }

    /**
     * {@code type} as it is, but refusing a bad value in iptables 1.8.9's words for it, whatever words the type
     * has: {@code words} gives them from the value's (first) word ({@code w -> "Bad mode \"" + w + "\""});
     * pkttables' message stays the type's, and what the kernel refuses ({@link KernelRefusal}) stays the kernel's.
     *
     * @since 1.7.0
     */
    public static <T> ParamType<T> refusedAs(ParamType<T> type, Function<String, String> words) {
        return new Delegating<>(type) {
            @Override
            public T parse(List<String> w) {
                try {
                    return type.parse(w);
                } catch (KernelRefusal e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    ParameterProblem p = new ParameterProblem(e.getMessage(), words.apply(w.isEmpty() ? "" : w.get(0)));
                    p.initCause(e);
                    throw p;
                }
            }
        };
    }

    /**
     * A prefix length given as a number (0..255, checked by the extension against its family) or as a
     * contiguous IPv4 dotted or IPv6 mask, which becomes its length ({@code 255.255.0.0} is 16).
     * Listed as the number.
     */
    public static ParamType<Long> prefixLengthOrMask() {
        return new ParamType<>("length|mask", 1) {
            @Override
            public Long parse(List<String> words) {
                String s = words.get(0);
                int len;
                if (s.indexOf(':') >= 0) {
                    long[] m = InetText.parseIpv6(s);
                    len = m == null ? -1 : InetText.ipv6PrefixLength(m[0], m[1]);
                } else if (s.indexOf('.') >= 0) {
                    long m = InetText.parseDottedQuad(s);
                    len = m < 0 ? -1 : InetText.ipv4PrefixLength(m);
                } else {
                    long n = parseUnsigned(s);
                    len = n > 255 ? -1 : (int) n;
                }
                if (len < 0) {
                    throw new IllegalArgumentException("\"" + s + "\": neither a valid network mask nor valid CIDR");
                }
                return (long) len;
            }

            @Override
            public List<String> format(Long v) {
                return List.of(Long.toString(v));
            }
        };
    }

    /** A port or port range: {@code 22}, {@code 1024:}, {@code :1023}, {@code 1:2}, or a service name. */
    public static ParamType<PortRange> portRange() {
        return new ParamType<>("port[:port]", 1) {
            @Override
            public PortRange parse(List<String> words) {
                String w = words.get(0);
                int colon = w.indexOf(':');
                if (colon < 0) {
                    int p = port(w, w);
                    return new PortRange(p, p);
                }
                int lo = colon == 0 ? 0 : port(w.substring(0, colon), w);
                int hi = colon == w.length() - 1 ? 65535 : port(w.substring(colon + 1), w);
                if (lo > hi) {
                    throw new IllegalArgumentException("invalid port range \"" + w + "\": " + lo + " > " + hi);
                }
                return new PortRange(lo, hi);
            }

            @Override
            public List<String> format(PortRange r) {
                return List.of(r.lo() == r.hi() ? Integer.toString(r.lo()) : r.lo() + ":" + r.hi());
            }
        };
    }

    /**
     * A value of one word, read by {@code parse} (which throws IllegalArgumentException with the tool's
     * message for a bad word) and printed by {@code format} as the listings show it.
     *
     * @param name the value's name in help texts ({@code mac[/mask]}, {@code n[:n]} ...)
     * @since 1.4.0
     */
    public static <T> ParamType<T> word(String name, Function<String, T> parse, Function<? super T, String> format) {
        return new ParamType<>(name, 1) {
            @Override
            public T parse(List<String> words) {
                return parse.apply(words.get(0));
            }

            @Override
            public List<String> format(T value) {
                return List.of(format.apply(value));
            }
        };
    }

    /** A MAC address {@code 42:01:02:03:04:05} as a 48-bit long, printed lower-case as iptables does. */
    public static ParamType<Long> mac() {
        return word("mac", ParamTypes::parseMac, ParamTypes::formatMac);
    }

    /** An interface name, at most 15 characters; a trailing {@code +} matches any suffix. */
    public static ParamType<String> iface() {
        return new ParamType<>("interface[+]", 1) {
            @Override
            public String parse(List<String> words) {
                String s = words.get(0);
                if (s.isEmpty() || s.length() > 15) {
                    throw new IllegalArgumentException("interface name \"" + s + "\" must be 1 to 15 characters");
                }
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '/' || c == ' ' || c == ':') {
                        throw new IllegalArgumentException("invalid character '" + c + "' in interface name \"" + s + "\"");
                    }
                }
                return s;
            }

            @Override
            public List<String> format(String v) {
                return List.of(v);
            }
        };
    }

    /**
     * One of a fixed set of names (case-insensitive on input). {@code canonical} gives the listing
     * form of a value (several input names may share one value).
     */
    public static <T> ParamType<T> choice(String typeName, Map<String, T> names, Function<T, String> canonical) {
        Map<String, T> byName = new LinkedHashMap<>();
        names.forEach((k, v) -> byName.put(k.toLowerCase(Locale.ROOT), v));
        List<String> valid = Collections.unmodifiableList(new ArrayList<>(names.keySet()));
        return new ParamType<>(typeName, 1) {
            @Override
            public T parse(List<String> words) {
                T v = byName.get(words.get(0).toLowerCase(Locale.ROOT));
                if (v == null) {
                    throw new IllegalArgumentException("invalid " + typeName + " \"" + words.get(0) + "\" (valid: "
                            + String.join(", ", valid) + ")");
                }
                return v;
            }

            @Override
            public List<String> format(T v) {
                return List.of(canonical.apply(v));
            }

            @Override
            public List<String> validValues() {
                return valid;
            }
        };
    }

    /** A choice where the listing shows the name itself. */
    public static ParamType<String> choice(String typeName, String... names) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String n : names) {
            m.put(n, n);
        }
        return choice(typeName, m, Function.identity());
    }

    private static final Map<String, Integer> TOS_NAMES = Map.of("minimize-delay", 0x10, "maximize-throughput", 0x08,
            "maximize-reliability", 0x04, "minimize-cost", 0x02, "normal-service", 0x00);

    /**
     * A TOS value as the tos match and TOS target read it: {@code value[/mask]} (8-bit numbers, strtoul
     * rules, mask 0xff when left out) or an RFC 1349 name (case-insensitive), which means
     * {@code value/0x3f}. Listed as {@code 0x10/0x3f}.
     */
    public static ParamType<ValueMask> tos() {
        return new ParamType<>("value[/mask]|name", 1) {
            @Override
            public ValueMask parse(List<String> words) {
                String w = words.get(0);
                Integer named = TOS_NAMES.get(w.toLowerCase(Locale.ROOT));
                if (named != null) {
                    return new ValueMask(named, 0x3f);
                }
                int slash = w.indexOf('/');
                long v = CNumbers.parse(slash < 0 ? w : w.substring(0, slash), 0xff);
                long m = slash < 0 ? 0xff : CNumbers.parse(w.substring(slash + 1), 0xff);
                if (v < 0 || m < 0) {
                    // libxtables' tosmask: a number (0-255) at the start makes it numeric, else it must be a name
                    int end = numberEnd(w, 0);
                    boolean numeric = end > 0 && CNumbers.parse(w.substring(0, end), 0xff) >= 0;
                    throw new ParameterProblem("bad TOS value \"" + w + "\" (want value[/mask], 0-255 each,"
                            + " or one of Minimize-Delay, Maximize-Throughput, Maximize-Reliability, Minimize-Cost,"
                            + " Normal-Service)", numeric ? "Illegal value: \"" + w + "\"" : "Symbolic name \"" + w
                                    + "\" is unknown");
                }
                return new ValueMask(v, m);
            }

            @Override
            public List<String> format(ValueMask v) {
                return List.of(String.format(Locale.ROOT, "0x%02x/0x%02x", v.value(), v.mask()));
            }
        };
    }

    /**
     * The RFC 1349 name of a TOS value under the mask 0x3f ({@code Minimize-Delay} for 0x10), or null: what
     * the tos match and TOS target print without {@code -n} (tos_try_print_symbolic).
     *
     * @since 1.5.0
     */
    public static String tosName(long value) {
        for (String n : List.of("Normal-Service", "Minimize-Cost", "Maximize-Reliability", "Maximize-Throughput",
                "Minimize-Delay")) {
            if (TOS_NAMES.get(n.toLowerCase(Locale.ROOT)) == value) {
                return n;
            }
        }
        return null;
    }

    /** A DSCP value 0-63 (strtoul rules), listed as {@code 0x2e}, as the dscp match and DSCP target do. */
    public static ParamType<Integer> dscp() {
        return new ParamType<>("dscp 0-63", 1) {
            @Override
            public Integer parse(List<String> words) {
                long v = CNumbers.parse(words.get(0), 0x3f);
                if (v < 0) {
                    throw ParameterProblem.outOfRange("DSCP \"" + words.get(0) + "\" is not a number 0-63", 0, 63);
                }
                return (int) v;
            }

            @Override
            public List<String> format(Integer v) {
                return List.of(String.format(Locale.ROOT, "0x%02x", v));
            }
        };
    }

    private static final Map<String, Integer> DSCP_CLASSES = dscpClasses();

    private static Map<String, Integer> dscpClasses() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i <= 7; i++) {
            m.put("CS" + i, i << 3);
        }
        m.put("BE", 0);
        for (int c = 1; c <= 4; c++) {
            for (int d = 1; d <= 3; d++) {
                m.put("AF" + c + d, c << 3 | d << 1);
            }
        }
        m.put("EF", 0x2e);
        return Collections.unmodifiableMap(m);
    }

    /**
     * A DiffServ class name (case-insensitive): CS0-CS7, BE, AF11-AF43, EF; the value is the DSCP.
     * Extensions list it as {@link #dscp()}, as iptables does.
     */
    public static ParamType<Integer> dscpClass() {
        return refusedAs(dscpClassNames(), w -> "Invalid DSCP value `" + w + "'");
    }

    private static ParamType<Integer> dscpClassNames() {
        return choice("dscp class", DSCP_CLASSES, v -> {
            for (Map.Entry<String, Integer> e : DSCP_CLASSES.entrySet()) {
                if (e.getValue().equals(v)) {
                    return e.getKey();
                }
            }
            return Integer.toString(v);
        });
    }

    // ---- helpers shared by types (public: extensions with their own types use them) ----

    /**
     * libxtables' words (a {@link ParameterProblem#ofOption} template) for a bad {@code value[/mask]}: a
     * number that is none or out of range, or characters after a number.
     */
    private static String markMaskWords(String w) {
        int end = numberEnd(w, 0);
        boolean garbage = end > 0 && CNumbers.parse(w.substring(0, end), ValueMask.ALL) >= 0;
        if (garbage && end < w.length() && w.charAt(end) == '/') {
            int mEnd = numberEnd(w, end + 1);
            garbage = mEnd > end + 1 && CNumbers.parse(w.substring(end + 1, mEnd), ValueMask.ALL) >= 0;
        }
        return garbage ? "%1$s: trailing garbage after value for option \"%2$s\".\n"
                : "%1$s: bad integer value for option \"%2$s\", or out of range.\n";
    }

    /**
     * Where the number C's {@code strtoul} (base 0) reads at {@code from} of {@code s} ends: {@code from} when
     * there is none.
     *
     * @since 1.7.0
     */
    public static int numberEnd(String s, int from) {
        int i = from;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int radix = 10;
        int start = i;
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && s.charAt(i) == '0') {
            radix = 8;
        }
        int digits = i;
        while (i < n && Character.digit(s.charAt(i), radix) >= 0) {
            i++;
        }
        return i == digits && i == start ? from : i;
    }

    /** An unsigned number as C's strtoul with base 0 reads it (0x hex, leading 0 octal). */
    public static long parseUnsigned(String w) {
        long v = CNumbers.parse(w, Long.MAX_VALUE);
        if (v < 0) {
            throw new IllegalArgumentException("\"" + w + "\" is not a number");
        }
        return v;
    }

    private static final Map<String, Integer> SERVICES = Map.ofEntries(
            Map.entry("ftp-data", 20), Map.entry("ftp", 21), Map.entry("ssh", 22), Map.entry("telnet", 23),
            Map.entry("smtp", 25), Map.entry("domain", 53), Map.entry("bootps", 67), Map.entry("bootpc", 68),
            Map.entry("tftp", 69), Map.entry("http", 80), Map.entry("www", 80), Map.entry("pop3", 110),
            Map.entry("ntp", 123), Map.entry("imap", 143), Map.entry("imap2", 143), Map.entry("snmp", 161),
            Map.entry("ldap", 389), Map.entry("https", 443), Map.entry("submission", 587),
            Map.entry("imaps", 993), Map.entry("pop3s", 995));

    /** A port number or a well-known service name. */
    public static int port(String s, String whole) {
        Integer named = SERVICES.get(s.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("invalid port \"" + whole + "\": " + p + " is outside 0..65535");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port/service \"" + s + "\" in \"" + whole + "\"", e);
        }
    }

    /** libxtables' xtables_parse_mac_and_mask words for a bad MAC address. */
    private static final String BAD_MAC = "Invalid MAC address specified.";

    public static long parseMac(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length != 6) {
            throw new ParameterProblem("bad MAC address \"" + s + "\" (want six hex bytes a:b:c:d:e:f)", BAD_MAC);
        }
        long v = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2) {
                throw new ParameterProblem("bad MAC address \"" + s + "\"", BAD_MAC);
            }
            try {
                v = (v << 8) | Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                ParameterProblem p = new ParameterProblem("bad MAC address \"" + s + "\"", BAD_MAC);
                p.initCause(e);
                throw p;
            }
        }
        return v;
    }

    public static String formatMac(long v) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int b = (int) (v >>> (i * 8)) & 0xff;
            if (b < 16) {
                sb.append('0');
            }
            sb.append(Integer.toHexString(b));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** {@code type} as it is (parse, format, listing, plurality, values, quoting): a wrapper overrides a part. */
    private abstract static class Delegating<T> extends ParamType<T> {
        private final ParamType<T> type;

        Delegating(ParamType<T> type) {
            super(type.name(), type.arity());
            this.type = type;
        }

        @Override
        public T parse(List<String> words) {
            return type.parse(words);
        }

        @Override
        public List<String> format(T v) {
            return type.format(v);
        }

        @Override
        public List<String> listed(T v, ListContext ctx) {
            return type.listed(v, ctx);
        }

        @Override
        public boolean plural(T v) {
            return type.plural(v);
        }

        @Override
        public List<String> validValues() {
            return type.validValues();
        }

        @Override
        public boolean quoted() {
            return type.quoted();
        }
    }
}
