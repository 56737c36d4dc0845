package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.SaveQuoting;
import org.pkttables.api.RuleRefusedException;
import org.pkttables.api.RulesetException;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;

/** Reads option words into {@link Args} and writes Args back as canonical words, from a descriptor only. */
final class ArgsParser {
    private ArgsParser() {
    }

    /**
     * @param what how to name the extension in errors ({@code match "tcp"})
     */
    static void parse(ExtensionDescriptor d, List<String> words, Args.Builder b, String what)
            throws RulesetException {
        // libxtables names an extension's options in its generic messages (xtables_option_parse, _fcheck):
        // the base options are iptables' own, which has other words for them.
        String ext = d.kind() == ExtensionDescriptor.Kind.BASE ? null : d.name();
        boolean invert = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ("!".equals(w)) {
                if (invert) {
                    throw refusal(what + ": multiple \"!\" flags not allowed", XtablesWords.multipleInversion());
                }
                invert = true;
                continue;
            }
            Param<?> p = d.param(w);
            if (p == null) {
                throw refusal(what + ": unknown option \"" + w + "\"", XtablesWords.unknownOption(w));
            }
            if (b.has(p)) {
                throw refusal(what + ": multiple " + p.option() + " flags not allowed",
                        ext == null ? null : XtablesWords.onlyOnce(ext, p.option(), w));
            }
            if (invert && !p.isInvertible()) {
                throw refusal(what + ": option \"" + w + "\" cannot be inverted",
                        ext == null ? null : XtablesWords.notInvertible(ext, p.option()));
            }
            int n = p.type().arity();
            if (i + n > words.size() - 1) {
                throw refusal(what + ": option \"" + w + "\" requires " + n + (n == 1 ? " argument" : " arguments"),
                        n == 1 ? XtablesWords.missingArgument(w) : null);
            }
            List<String> vals = n == 1 ? List.of(words.get(i + 1)) : List.copyOf(words.subList(i + 1, i + 1 + n));
            for (String v : vals) {
                if ("!".equals(v)) {
                    throw new RuleRefusedException(what + ": option \"" + w + "\" requires an argument, found \"!\"");
                }
            }
            putParsed(b, p, vals, invert, what, ext);
            i += n;
            invert = false;
        }
        if (invert) {
            throw refusal(what + ": \"!\" not followed by an option", XtablesWords.nothingAfterInversion());
        }
        for (Param<?> p : d.params()) {
            if (p.isMandatory() && !b.has(p)) {
                throw refusal(what + ": option " + p.option() + " must be specified",
                        ext == null ? null : XtablesWords.mandatory(ext, p.option()));
            }
        }
        for (List<Param<?>> also : d.requirements()) {
            Param<?> p = also.get(0);
            for (Param<?> other : also.subList(1, also.size())) {
                if (b.has(p) && !b.has(other)) {
                    throw refusal(what + ": " + p.option() + " needs " + other.option(),
                            ext == null ? null : XtablesWords.alsoRequires(ext, p.option(), other.option()));
                }
            }
        }
        for (List<Param<?>> ex : d.exclusions()) {
            Param<?> p = ex.get(0);
            if (!b.has(p)) {
                continue;
            }
            for (Param<?> other : ex.subList(1, ex.size())) {
                if (b.has(other)) {
                    throw refusal(what + ": " + p.option() + " and " + other.option() + " exclude each other",
                            ext == null ? null : XtablesWords.exclusive(ext, p.option(), other.option()));
                }
            }
        }
    }

    /** A parameter problem, with iptables 1.8.9's words for it when known. */
    private static RuleRefusedException refusal(String message, String toolWords) {
        return new RuleRefusedException(message, null, null, toolWords);
    }

    private static <T> void putParsed(Args.Builder b, Param<T> p, List<String> vals, boolean invert, String what,
            String ext) throws RulesetException {
        T v;
        try {
            v = p.type().parse(vals);
        } catch (IllegalArgumentException e) {
            throw RuleCompiler.refused(what + ": " + p.option() + ": " + e.getMessage(), e, ext, p.option());
        }
        b.put(p, v, invert);
    }

    /** Canonical raw words of {@code a}, in descriptor order. */
    static List<String> words(ExtensionDescriptor d, Args a) {
        List<String> out = new ArrayList<>();
        for (Param<?> p : d.params()) {
            if (a.has(p)) {
                if (a.inverted(p)) {
                    out.add("!");
                }
                out.add(p.option());
                out.addAll(format(p, a));
            }
        }
        return out;
    }

    /** Canonical words quoted for display and save, as iptables-save prints them. */
    static String text(ExtensionDescriptor d, Args a) {
        StringBuilder sb = new StringBuilder();
        for (Param<?> p : d.params()) {
            if (a.has(p)) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                if (a.inverted(p)) {
                    sb.append("! ");
                }
                sb.append(p.option());
                for (String w : format(p, a)) {
                    sb.append(' ').append(p.type().quoted() ? SaveQuoting.quote(w) : w);
                }
            }
        }
        return sb.toString();
    }

    /**
     * Canonical words (as {@link #words}) into {@code words}, and their save text (as {@link #text})
     * returned: one formatting pass for both, as the compiler needs both for every rule.
     *
     * @param what how to name the extension in errors ({@code match "comment"})
     * @throws RulesetException when a value would not read back the same from a saved ruleset (a
     *                          newline or NUL anywhere, a blank or double quote in an unquoted value),
     *                          so that no accepted rule can make a save fail to restore
     */
    static String wordsAndText(ExtensionDescriptor d, Args a, List<String> words, String what)
            throws RulesetException {
        StringBuilder sb = new StringBuilder();
        List<Param<?>> ps = d.params();
        for (int i = 0; i < ps.size(); i++) {
            Param<?> p = ps.get(i);
            if (a.has(p)) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                if (a.inverted(p)) {
                    words.add("!");
                    sb.append("! ");
                }
                words.add(p.option());
                sb.append(p.option());
                boolean quoted = p.type().quoted();
                List<String> canonical = format(p, a);
                boolean plain = true;
                for (String w : canonical) {
                    String why = SaveQuoting.unsavable(w);
                    if (why != null) {
                        // pkttables' own limit (iptables 1.8.9 takes it): a plain refusal, not one of iptables'
                        throw new RulesetException(what + ": " + p.option() + ": value " + SaveQuoting.visible(w)
                                + " holds " + why + ", which a saved ruleset cannot hold (one rule per line)");
                    }
                    plain &= quoted || SaveQuoting.plain(w);
                    words.add(w);
                    sb.append(' ').append(quoted ? SaveQuoting.quote(w) : w);
                }
                if (!plain) {
                    checkReadsBack(p, canonical, what);
                }
            }
        }
        return sb.toString();
    }

    /**
     * An unquoted value with a blank or double quote (a type that does its own quoting, such as the
     * string match's {@code "a\"b"}) must read back from its save text as the same canonical words.
     */
    private static <T> void checkReadsBack(Param<T> p, List<String> canonical, String what) throws RulesetException {
        List<String> read = new ArrayList<>();
        String why;
        try {
            for (String w : canonical) {
                read.addAll(SaveQuoting.split(w));
            }
            if (read.size() != p.type().arity()) {
                why = "it would read back as " + read.size() + (read.size() == 1 ? " word" : " words");
            } else {
                List<String> again = p.type().format(p.type().parse(read));
                why = again.equals(canonical) ? null : "it would read back as " + String.join(" ", again);
            }
        } catch (RulesetException | IllegalArgumentException e) {
            why = "it would not read back (" + e.getMessage() + ")";
        }
        if (why != null) {
            List<String> shown = new ArrayList<>();
            for (String w : canonical) {
                shown.add(SaveQuoting.visible(w));
            }
            throw new RulesetException(what + ": " + p.option() + ": value " + String.join(" ", shown)
                    + " cannot be saved and restored unchanged: " + why
                    + " (blanks and double quotes are not allowed here)");
        }
    }

    private static <T> List<String> format(Param<T> p, Args a) {
        return p.type().format(a.get(p));
    }
}
