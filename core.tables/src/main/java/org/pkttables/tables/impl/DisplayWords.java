package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.List;

/** A rule's display text as the words {@code RuleInfo} holds: quoted strings (with their quotes) stay one word. */
final class DisplayWords {
    private DisplayWords() {
    }

    /** Splits display text into words, keeping quoted strings (with their quotes) as one word. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && q && i + 1 < text.length()) {
                cur.append(c).append(text.charAt(++i));
            } else if (c == '"') {
                q = !q;
                cur.append(c);
            } else if (c == ' ' && !q) {
                if (cur.length() > 0) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }
}
