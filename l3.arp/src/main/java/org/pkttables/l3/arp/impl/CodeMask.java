package org.pkttables.l3.arp.impl;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pkttables.api.ext.ParamType;

/**
 * An ARP header field value with a mask ({@code --opcode 1/235}, {@code --h-type 0x8/0xcf}), read
 * in the field's own base as arptables reads it, with optional names ({@code Request}).
 */
public record CodeMask(int value, int mask) {
    public CodeMask {
        value &= mask;
    }

    public boolean matches(int field) {
        return (field & mask) == value;
    }

    /**
     * A value type for a field of {@code bits} bits.
     *
     * @param inputRadix 10, 16, or 0 for C's rule (0x hex, 0 octal, else decimal)
     * @param hexOutput  print {@code 0x800} rather than {@code 2048}
     * @param names      accepted names (any case on input) and their values, in help order
     */
    public static ParamType<CodeMask> type(String typeName, int bits, int inputRadix, boolean hexOutput,
            Map<String, Integer> names) {
        int full = (1 << bits) - 1;
        Map<String, Integer> byLowerName = new java.util.HashMap<>();
        names.forEach((k, v) -> byLowerName.put(k.toLowerCase(Locale.ROOT), v));
        List<String> valid = List.copyOf(names.keySet());
        return new ParamType<>(typeName, 1) {
            @Override
            public CodeMask parse(List<String> words) {
                String w = words.get(0);
                Integer named = byLowerName.get(w.toLowerCase(Locale.ROOT));
                if (named != null) {
                    return new CodeMask(named, full);
                }
                int slash = w.indexOf('/');
                int v = number(slash < 0 ? w : w.substring(0, slash), w);
                int m = slash < 0 ? full : number(w.substring(slash + 1), w);
                return new CodeMask(v, m);
            }

            private int number(String s, String whole) {
                String digits = s;
                int radix = inputRadix;
                boolean hexPrefix = s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"));
                if (hexPrefix && (radix == 16 || radix == 0)) {
                    digits = s.substring(2);
                    radix = 16;
                } else if (radix == 0) {
                    radix = s.length() > 1 && s.charAt(0) == '0' ? 8 : 10;
                }
                long v;
                try {
                    v = digits.isEmpty() || digits.startsWith("+") || digits.startsWith("-") ? -1
                            : Long.parseLong(digits, radix);
                } catch (NumberFormatException e) {
                    v = -1;
                }
                if (v < 0 || v > full) {
                    throw new IllegalArgumentException("invalid " + typeName + " \"" + whole + "\""
                            + (names.isEmpty() ? "" : " (a number or one of " + String.join(", ", valid) + ")"));
                }
                return (int) v;
            }

            @Override
            public List<String> format(CodeMask c) {
                String v = hexOutput ? "0x" + Integer.toHexString(c.value()) : Integer.toString(c.value());
                if (c.mask() == full) {
                    return List.of(v);
                }
                return List.of(v + "/" + (hexOutput ? "0x" + Integer.toHexString(c.mask()) : Integer.toString(c.mask())));
            }

            @Override
            public List<String> validValues() {
                return valid;
            }
        };
    }
}
