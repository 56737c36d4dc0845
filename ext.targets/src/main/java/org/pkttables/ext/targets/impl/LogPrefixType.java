package org.pkttables.ext.targets.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code --log-prefix} text: 1 to 29 bytes (the kernel's 30-byte field with its NUL), no newline;
 * quoted on save like iptables. Longer text is refused rather than cut, so a save shows what logs.
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
        if (n > MAX_BYTES) {
            throw new IllegalArgumentException("--log-prefix \"" + s + "\" is " + n + " bytes long, at most "
                    + MAX_BYTES + " allowed");
        }
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("newlines are not allowed in --log-prefix");
        }
        return s;
    }
}
