package org.pkttables.cli.xtables;

import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.SaveQuoting;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.ListContext;
import org.pkttables.api.ext.ListTemplate;
import org.pkttables.api.ext.Param;

/**
 * The text {@code iptables -L} prints after the columns for one match or target, rendered from its
 * descriptor alone: the head ({@code tcp}), then each parameter given (or with a listed default) through
 * its {@link ListTemplate}, in descriptor order; an extension with a {@link
 * org.pkttables.api.ext.ListFormatter} prints through it. An extension or parameter that declares no
 * listing prints in save syntax ({@code --opt value}), so nothing is ever left out.
 */
final class ExtensionListing {
    private ExtensionListing() {
    }

    /**
     * The text of {@code call} (each part with its leading blank), {@code d} its descriptor or null when
     * the extension is not loaded; {@code match} tells a match (named in save syntax) from a target.
     */
    static String text(ExtensionDescriptor d, RuleSpec.Call call, boolean match, Family f, ListContext ctx) {
        Args a = d == null || !d.listingDeclared() ? null : parse(d, call.words(), f, ctx.ruleProtocol());
        if (a == null) {
            StringBuilder sb = new StringBuilder();
            if (match) {
                sb.append(' ').append(call.name());
            }
            saveWords(sb, call.words());
            return sb.toString();
        }
        if (d.listFormatter() != null) {
            return d.listFormatter().list(a, ctx);
        }
        StringBuilder sb = new StringBuilder();
        if (!d.listHead().isEmpty()) {
            sb.append(' ').append(d.listHead());
        }
        for (Param<?> p : d.listOrder()) {
            param(sb, p, a, ctx);
        }
        return sb.toString();
    }

    private static <T> void param(StringBuilder sb, Param<T> p, Args a, ListContext ctx) {
        boolean given = a.has(p);
        T v = given ? a.get(p) : p.listDefault();
        if (v == null) {
            return;
        }
        ListTemplate t = p.listTemplate();
        if (t == null) {
            if (a.inverted(p)) {
                sb.append(" !");
            }
            sb.append(' ').append(p.option());
            saveWords(sb, p.type().format(v));
            return;
        }
        boolean inv = given && a.inverted(p);
        int start = sb.length();
        ListTemplate.Pattern pat = (inv && p.listInverted() != null ? p.listInverted() : t).pattern(ctx.numeric());
        List<String> words = p.type().listed(v, ctx);
        if (words.isEmpty() && (pat.pieces().contains(ListTemplate.Piece.VALUE)
                || pat.pieces().contains(ListTemplate.Piece.VALUE_UPPER)
                || pat.pieces().contains(ListTemplate.Piece.VALUE_QUOTED))) {
            if (!inv) {
                return; // a value that lists as nothing (every port) leaves the parameter out
            }
            words = p.type().format(v); // unless inverted: then it is printed as it is
        }
        String value = String.join(" ", words);
        boolean glued = !pat.pieces().isEmpty() && pat.pieces().get(0) == ListTemplate.Piece.GLUE;
        if (!glued) {
            sb.append(' ');
        }
        int mark = sb.length();
        for (int i = 0; i < pat.pieces().size(); i++) {
            switch (pat.pieces().get(i)) {
                case TEXT: sb.append(pat.texts().get(i)); break;
                case VALUE: sb.append(value); break;
                case VALUE_UPPER: sb.append(value.toUpperCase(java.util.Locale.ROOT)); break;
                case VALUE_QUOTED:
                    for (int w = 0; w < words.size(); w++) {
                        sb.append(w > 0 ? " " : "").append(SaveQuoting.quote(words.get(w)));
                    }
                    break;
                case GLUE: break;
                case INVERT: sb.append(inv ? "!" : ""); break;
                case INVERT_SPACE_AFTER: sb.append(inv ? "! " : ""); break;
                case INVERT_SPACE_BEFORE: sb.append(inv ? " !" : ""); break;
                case PLURAL: sb.append(p.type().plural(v) ? "s" : ""); break;
                default: throw new IllegalStateException("listing piece " + pat.pieces().get(i));
            }
        }
        if (sb.length() == mark) {
            sb.setLength(start);
        }
    }

    /**
     * The canonical words read back through the descriptor (as the core stored them), or null when they do
     * not read (then the caller lists the words as they are).
     */
    static Args parse(ExtensionDescriptor d, List<String> words, Family f, int proto) {
        Args.Builder b = Args.builder(f, "filter").protocol(proto, false);
        boolean invert = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ("!".equals(w)) {
                invert = true;
                continue;
            }
            Param<?> p = d.param(w);
            int n = p == null ? -1 : p.type().arity();
            if (n < 0 || i + n >= words.size()) {
                return null;
            }
            try {
                put(b, p, words.subList(i + 1, i + 1 + n), invert);
            } catch (IllegalArgumentException e) {
                return null;
            }
            i += n;
            invert = false;
        }
        return b.build();
    }

    private static <T> void put(Args.Builder b, Param<T> p, List<String> vals, boolean invert) {
        b.put(p, p.type().parse(vals), invert);
    }

    /** Words as save prints them: only free text needs quotes here (a comment with blanks). */
    static void saveWords(StringBuilder out, List<String> words) {
        for (String w : words) {
            boolean plain = !w.isEmpty() && w.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'');
            out.append(' ').append(plain ? w : SaveQuoting.quote(w));
        }
    }
}
