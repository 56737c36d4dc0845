package org.pkttables.ext.targets.impl;

import java.util.List;

/**
 * {@code --nflog-prefix}: not empty; longer text is cut to 127 bytes of UTF-8 as iptables-nft 1.8.9
 * does, but before a character rather than through it (the real tool leaves half a character, which
 * a save could not hold).
 */
final class NflogPrefixType extends QuotedTextType {
    static final int MAX = 127;
    static final NflogPrefixType INSTANCE = new NflogPrefixType();

    private NflogPrefixType() {
        super("prefix");
    }

    @Override
    public String parse(List<String> words) {
        String s = words.get(0);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the prefix is empty");
        }
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes > MAX) {
                return s.substring(0, i);
            }
            i += Character.charCount(cp);
        }
        return s;
    }
}
