package org.pkttables.api.ext;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@code iptables -L} prints one parameter, as a pattern: literal text with
 * <ul>
 * <li>{@code {v}}: the value as {@link ParamType#listed} gives it (words joined by a blank);</li>
 * <li>{@code {!}}: {@code !} when the parameter is inverted, else nothing; {@code {! }} and {@code { !}} the
 * same with a blank after or before it;</li>
 * <li>{@code {s}}: {@code s} when {@link ParamType#plural} says the value is several ({@code dpt:22} but
 * {@code dpts:1:2});</li>
 * <li>{@code {V}}: the value in upper case ({@code MAC 00:0A:…});</li>
 * <li>{@code {q}}: the value quoted as a save quotes it ({@code nflog-prefix "a b"}, {@code nflog-prefix ab});</li>
 * <li>{@code {<}}, first in a pattern: glued to what precedes it, without the blank that otherwise separates
 * the parameters' texts.</li>
 * </ul>
 * For example {@code dpt{s}:{!}{v}} ({@code dpt:!ssh}), {@code {! }ctstate {v}} ({@code ! ctstate NEW}),
 * {@code mark match {! }{v}}. A pattern may differ under {@code -n} ({@link #of(String, String)}).
 *
 * @since 1.5.0
 */
public final class ListTemplate {
    /** One piece of a pattern: literal text or a placeholder. */
    public enum Piece { TEXT, VALUE, VALUE_UPPER, VALUE_QUOTED, INVERT, INVERT_SPACE_AFTER, INVERT_SPACE_BEFORE, PLURAL, GLUE }

    /** A parsed pattern: pieces and, for TEXT, their text. */
    public record Pattern(List<Piece> pieces, List<String> texts) {
        public Pattern {
            pieces = List.copyOf(pieces);
            texts = List.copyOf(texts);
        }
    }

    private final Pattern numeric;
    private final Pattern named;
    private final String source;

    private ListTemplate(String numeric, String named) {
        this.numeric = parse(numeric);
        this.named = parse(named);
        this.source = numeric.equals(named) ? numeric : numeric + " | " + named;
    }

    /** The same pattern with and without {@code -n}. */
    public static ListTemplate of(String pattern) {
        return new ListTemplate(pattern, pattern);
    }

    /** One pattern under {@code -n}, another when names are wanted. */
    public static ListTemplate of(String numericPattern, String namedPattern) {
        return new ListTemplate(numericPattern, namedPattern);
    }

    /** The pattern for {@code -n} (numeric true) or for {@code -L} with names. */
    public Pattern pattern(boolean numeric) {
        return numeric ? this.numeric : named;
    }

    private static Pattern parse(String p) {
        Objects.requireNonNull(p, "pattern");
        List<Piece> pieces = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c != '{') {
                text.append(c);
                i++;
                continue;
            }
            int end = p.indexOf('}', i);
            if (end < 0) {
                throw new IllegalArgumentException("listing pattern \"" + p + "\": '{' at " + i + " is not closed");
            }
            Piece piece;
            switch (p.substring(i + 1, end)) {
                case "v": piece = Piece.VALUE; break;
                case "!": piece = Piece.INVERT; break;
                case "! ": piece = Piece.INVERT_SPACE_AFTER; break;
                case " !": piece = Piece.INVERT_SPACE_BEFORE; break;
                case "s": piece = Piece.PLURAL; break;
                case "V": piece = Piece.VALUE_UPPER; break;
                case "q": piece = Piece.VALUE_QUOTED; break;
                case "<":
                    if (i != 0) {
                        throw new IllegalArgumentException("listing pattern \"" + p + "\": {<} must come first");
                    }
                    piece = Piece.GLUE;
                    break;
                default:
                    throw new IllegalArgumentException("listing pattern \"" + p + "\": unknown placeholder "
                            + p.substring(i, end + 1) + " (want {v}, {V}, {q}, {!}, {! }, { !}, {s} or {<})");
            }
            if (text.length() > 0) {
                pieces.add(Piece.TEXT);
                texts.add(text.toString());
                text.setLength(0);
            }
            pieces.add(piece);
            texts.add("");
            i = end + 1;
        }
        if (text.length() > 0) {
            pieces.add(Piece.TEXT);
            texts.add(text.toString());
        }
        return new Pattern(pieces, texts);
    }

    @Override
    public String toString() {
        return source;
    }
}
