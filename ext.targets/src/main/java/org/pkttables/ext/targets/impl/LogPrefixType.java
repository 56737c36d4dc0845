package org.pkttables.ext.targets.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code --log-prefix} text: 1 to 29 bytes (the kernel's 30-byte field with its NUL), no newline;
 * quoted on save like iptables. Longer text is cut to its first 29 bytes (at a character's end), silently,
 * as iptables 1.8.9 does (its option is copied into the 30-byte field); the save shows what logs.
 */
final class LogPrefixType extends QuotedTextType {
    static final int MAX_BYTES = 29;
    static final LogPrefixType INSTANCE = new LogPrefixType();

    private LogPrefixType() {
        super("prefix");
    }

    @Override
    public String parse(List<String> words) {
        String s = words.get(0);
        int n = s.getBytes(StandardCharsets.UTF_8).length;
        if (n == 0) {
            throw new IllegalArgumentException("--log-prefix must not be empty");
        }
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("newlines are not allowed in --log-prefix");
        }
        if (n <= MAX_BYTES) {
            return s;
        }
        int end = 0;
        for (int bytes = 0; end < s.length();) {
            int cp = s.codePointAt(end);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > MAX_BYTES) {
                break;
            }
            bytes += len;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }
}
