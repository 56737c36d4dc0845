package org.pkttables.ext.matches.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParameterProblem;

/**
 * The value of {@code --string} (text, UTF-8) or {@code --hex-string} (text with {@code |41 42|}
 * blocks of hex bytes). Listed as iptables does: always in double quotes, {@code "} and {@code \}
 * escaped; hex as one {@code |...|} block. Because the listed word carries its quotes, a word that is
 * entirely such a quoted form is read back unquoted (so a canonical rule compiles again to the same
 * pattern); a pattern that itself starts and ends with {@code "} must therefore be given as hex.
 */
final class StringPatternType extends ParamType<StringPattern> {
    static final StringPatternType TEXT = new StringPatternType(false);
    static final StringPatternType HEX = new StringPatternType(true);

    private final boolean hex;

    private StringPatternType(boolean hex) {
        super(hex ? "hex-string" : "string", 1);
        this.hex = hex;
    }

    @Override
    public StringPattern parse(List<String> words) {
        String w = words.get(0);
        if (w.length() >= 2 && w.startsWith("\"") && w.endsWith("\"")) {
            w = unescape(w.substring(1, w.length() - 1));
        }
        return new StringPattern(hex ? parseHex(w) : w.getBytes(StandardCharsets.UTF_8));
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** libxt_string's parse_hex_string: literal text, {@code \x} escapes, {@code |hex hex|} blocks. */
    static byte[] parseHex(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        boolean inHex = false;
        for (int i = 0; i < in.length; i++) {
            byte c = in[i];
            if (c == '|') {
                inHex = !inHex;
                continue;
            }
            if (inHex) {
                if (c == ' ') {
                    continue;
                }
                if (i + 1 >= in.length || Character.digit(c, 16) < 0 || Character.digit(in[i + 1], 16) < 0) {
                    throw new ParameterProblem("invalid hex block in \"" + s + "\" (want pairs of hex digits"
                            + " between |)", "Invalid hex block");
                }
                out.write(Character.digit(c, 16) << 4 | Character.digit(in[i + 1], 16));
                i++;
            } else if (c == '\\' && i + 1 < in.length) {
                out.write(in[++i]);
            } else {
                out.write(c);
            }
        }
        if (inHex) {
            throw new IllegalArgumentException("unterminated hex block in \"" + s + "\"");
        }
        return out.toByteArray();
    }

    @Override
    public List<String> format(StringPattern v) {
        byte[] b = v.bytes();
        StringBuilder sb = new StringBuilder(b.length * 2 + 4).append('"');
        if (hex) {
            sb.append('|');
            for (byte x : b) {
                sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
            }
            sb.append('|');
        } else {
            for (byte x : b) {
                if (x == '"' || x == '\\') {
                    sb.append('\\');
                }
                sb.append((char) (x & 0xff));
            }
        }
        return List.of(sb.append('"').toString());
    }
}
