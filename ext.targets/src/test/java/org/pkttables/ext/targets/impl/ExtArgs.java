package org.pkttables.ext.targets.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.ShellWords;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;

/**
 * Reads option words into Args and lists them back, from the descriptor alone, the way the core does:
 * enough to test parsing, canonical forms and compiled matches without the core or an L3 handler.
 */
final class ExtArgs {
    private ExtArgs() {
    }

    static Args parse(ExtensionDescriptor d, Family f, int proto, String line) {
        Args.Builder b = Args.builder(f, "filter").protocol(proto, false);
        List<String> words = ShellWords.split(line);
        boolean invert = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("!")) {
                invert = true;
                continue;
            }
            Param<?> p = d.param(w);
            if (p == null) {
                throw new IllegalArgumentException("unknown option " + w);
            }
            if (b.has(p)) {
                throw new IllegalArgumentException("option " + w + " twice");
            }
            if (invert && !p.isInvertible()) {
                throw new IllegalArgumentException("option " + w + " cannot be inverted");
            }
            int n = p.type().arity();
            if (i + n >= words.size()) {
                throw new IllegalArgumentException("option " + w + " needs " + n + " words");
            }
            put(b, p, words.subList(i + 1, i + 1 + n), invert);
            i += n;
            invert = false;
        }
        return b.build();
    }

    private static <T> void put(Args.Builder b, Param<T> p, List<String> words, boolean invert) {
        b.put(p, p.type().parse(words), invert);
    }

    /** The canonical listing of {@code a} (without the core's save quoting). */
    static String text(ExtensionDescriptor d, Args a) {
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
        return String.join(" ", out);
    }

    private static <T> List<String> format(Param<T> p, Args a) {
        return p.type().format(a.get(p));
    }
}
