package org.pkttables.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The quoting of the save format, both ways: {@link #quote} writes a free-text value as iptables-save
 * 1.8.9 does (xtables_save_string), {@link #split} reads a restore line as iptables-restore 1.8.9 does
 * (add_param_to_argv), and the two are exact inverses for every value without a newline or NUL:
 * {@code split(quote(v))} is {@code [v]}.
 *
 * <p>How iptables-restore reads a line: words are separated by blanks; a double quote opens a quoted
 * part, in which a backslash takes the next character as it is and the closing quote ends the word
 * ({@code "a"b} is two words); outside quotes a backslash and a single quote are ordinary characters.
 * Unlike the real tool, an unterminated quote is an error here, not a word that runs to the end of the
 * line.
 *
 * @since 1.4.0
 */
public final class SaveQuoting {
    private static final String NO_QUOTE = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private SaveQuoting() {
    }

    /** The value as iptables-save prints it: as it is when plain, else in double quotes, {@code " \ '} escaped. */
    public static String quote(String v) {
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            plain = NO_QUOTE.indexOf(v.charAt(i)) >= 0;
        }
        if (plain) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\' || c == '\'') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** The blanks that separate words outside quotes (C's isspace) and that are stripped from line ends. */
    public static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** The line without blanks at either end. */
    public static String strip(String line) {
        int from = 0;
        int to = line.length();
        while (from < to && blank(line.charAt(from))) {
            from++;
        }
        while (to > from && blank(line.charAt(to - 1))) {
            to--;
        }
        return from == 0 && to == line.length() ? line : line.substring(from, to);
    }

    /**
     * The words of one restore line.
     *
     * @throws RulesetException when a double quote is not closed
     */
    public static List<String> split(String line) throws RulesetException {
        // A rule line has 10-20 words: size for it so restore does not regrow the list per line.
        List<String> words = new ArrayList<>(24);
        StringBuilder cur = new StringBuilder(32);
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                int close = i + 1;
                for (; close < line.length() && line.charAt(close) != '"'; close++) {
                    char q = line.charAt(close);
                    if (q == '\\' && close + 1 < line.length()) {
                        q = line.charAt(++close);
                    }
                    cur.append(q);
                }
                if (close >= line.length()) {
                    throw new RulesetException("unterminated \" quote (at column " + (i + 1) + ")");
                }
                // The closing quote ends the word, even an empty one (--comment "").
                words.add(cur.toString());
                cur.setLength(0);
                inWord = false;
                i = close;
            } else if (blank(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(cur.toString());
        }
        return words;
    }

    /**
     * True when {@code w} reads back as itself unquoted: not empty, no blank, no double quote, no NUL.
     * Any other character (a single quote, a backslash, {@code #}, non-ASCII) is taken as it is.
     */
    public static boolean plain(String w) {
        if (w.isEmpty()) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (blank(c) || c == '"' || c == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why {@code w} cannot be in a saved ruleset whatever the quoting ("a newline", "a NUL character"),
     * or null when it can: restore reads one rule per line, and the real tools end a value at a NUL.
     */
    public static String unsavable(String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c == '\n') {
                return "a newline";
            }
            if (c == 0) {
                return "a NUL character";
            }
        }
        return null;
    }

    /** {@code w} in double quotes for an error message, control characters written as {@code \n}, {@code \x01}. */
    public static String visible(String w) {
        StringBuilder sb = new StringBuilder(w.length() + 2).append('"');
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
