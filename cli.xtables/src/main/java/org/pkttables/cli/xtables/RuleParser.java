package org.pkttables.cli.xtables;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.RuleRefusedException;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.RulesetException;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.Param;

/**
 * Groups the rule words of an iptables command line into base options, matches and target, using
 * only the descriptors: an option belongs to the target if it takes it, else to the latest match that
 * takes it, else to the base options, else to the protocol match {@code -p} implies (as iptables
 * loads {@code -m tcp} for {@code -p tcp --dport 22}).
 */
final class RuleParser {
    private final Extensions registry;

    RuleParser(Extensions registry) {
        this.registry = registry;
    }

    /** The extensions the parser looks words up in. */
    Extensions extensions() {
        return registry;
    }

    /** A match or target being collected, with the descriptor when the extension is loaded. */
    private static final class Open {
        final String name;
        final ExtensionDescriptor d;
        final List<String> words = new ArrayList<>();

        Open(String name, ExtensionDescriptor d) {
            this.name = name;
            this.d = d;
        }
    }

    /**
     * @param lenient keep words of extensions that are not loaded (their options run up to the next
     *                {@code -m}, {@code -j} or {@code -g}) instead of failing: used when restoring
     *                saved state, whose rules then fail closed until the extension arrives
     */
    RuleSpec parse(Family f, List<String> words, boolean lenient) throws RulesetException {
        L3Handler h = registry.handler(f);
        if (h == null) {
            throw new RulesetException("no " + f.id() + " handler is loaded (family " + f.id() + " unavailable)");
        }
        ExtensionDescriptor base = h.baseDescriptor();
        List<String> baseWords = new ArrayList<>();
        List<Open> matches = new ArrayList<>();
        Open target = null;
        boolean gotoChain = false;
        int proto = -1;
        boolean invert = false;
        Open unknown = null;

        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if ("!".equals(w)) {
                if (invert) {
                    throw new RulesetException("multiple \"!\" flags not allowed");
                }
                invert = true;
                continue;
            }
            if (w.equals("-m") || w.equals("--match")) {
                String name = need(words, i, w);
                i++;
                if (invert) {
                    throw new RulesetException("unexpected \"!\" before " + w + " " + name);
                }
                ExtensionDescriptor mt = registry.match(f, name);
                if (mt == null && !lenient) {
                    // (1.8.9's words: libxtables' dlopen error, then a blank line)
                    throw new RuleRefusedException("Couldn't load match `" + name + "': no such extension is loaded"
                            + " for " + f.id() + " (see `ext list`)", null, null,
                            "Couldn't load match `" + name + "':No such file or directory\n");
                }
                Open o = new Open(name, mt);
                matches.add(o);
                unknown = mt == null ? o : null;
                continue;
            }
            if (w.equals("-j") || w.equals("--jump") || w.equals("-g") || w.equals("--goto")) {
                String name = need(words, i, w);
                i++;
                if (target != null) {
                    throw new RulesetException("multiple -j flags not allowed"); // 1.8.9: -g sets the same option as -j
                }
                if (invert) {
                    throw new RulesetException("cannot have ! before " + w); // 1.8.9's words
                }
                gotoChain = w.startsWith("-g") || w.equals("--goto");
                ExtensionDescriptor tt = gotoChain ? null : registry.target(f, name);
                target = new Open(name, tt);
                unknown = tt == null && !gotoChain && isExtensionName(name) ? target : null;
                continue;
            }
            if (!w.startsWith("-")) {
                throw new RulesetException(NftRefusal.BAD_ARGUMENT + w + "'");
            }
            // An option: target first, then latest match, then base, then the implicit protocol match.
            Open owner = null;
            if (target != null && target.d != null && target.d.param(w) != null) {
                owner = target;
            }
            for (int k = matches.size() - 1; owner == null && k >= 0; k--) {
                Open m = matches.get(k);
                if (m.d != null && m.d.param(w) != null) {
                    owner = m;
                }
            }
            Param<?> bp = owner == null ? base.param(w) : null;
            if (owner == null && bp == null && proto >= 0) {
                ExtensionDescriptor pm = registry.protocolMatch(f, proto, h);
                if (pm != null && pm.param(w) != null && !hasMatch(matches, pm.name())) {
                    owner = new Open(pm.name(), pm);
                    matches.add(owner);
                }
            }
            if (owner == null && bp == null && f == Family.BRIDGE) {
                // ebtables has no -m: an option loads the match that takes it.
                ExtensionDescriptor om = registry.matchByOption(f, w);
                if (om != null && !hasMatch(matches, om.name())) {
                    owner = new Open(om.name(), om);
                    matches.add(owner);
                }
            }
            if (owner == null && bp == null && unknown != null) {
                owner = unknown;
            }
            if (owner == null && bp == null) {
                throw new RulesetException("unknown option \"" + w + "\"");
            }
            List<String> into = owner != null ? owner.words : baseWords;
            if (invert) {
                into.add("!");
                invert = false;
            }
            into.add(w);
            int arity;
            if (owner != null && owner.d == null) {
                // Unknown extension (lenient restore): take the words up to the next option.
                arity = 0;
                while (i + arity + 1 < words.size() && !words.get(i + arity + 1).startsWith("-")
                        && !"!".equals(words.get(i + arity + 1))) {
                    arity++;
                }
            } else {
                Param<?> p = owner != null ? owner.d.param(w) : bp;
                arity = p.type().arity();
            }
            for (int k = 1; k <= arity; k++) {
                if (i + k >= words.size()) {
                    // 1.8.9's getopt words for an option's missing value
                    throw new RulesetException("option \"" + w + "\" requires "
                            + (arity == 1 ? "an argument" : arity + " arguments"));
                }
                into.add(words.get(i + k));
            }
            if (bp != null && bp.accepts("-p")) {
                proto = protocolNumber(h, words.get(i + 1));
            }
            i += arity;
        }
        if (invert) {
            throw new RulesetException("\"!\" not followed by an option");
        }
        List<RuleSpec.Call> calls = new ArrayList<>();
        for (Open m : matches) {
            calls.add(new RuleSpec.Call(m.name, m.words));
        }
        return new RuleSpec(baseWords, calls, target == null ? null : new RuleSpec.Call(target.name, target.words),
                gotoChain);
    }

    private static int protocolNumber(L3Handler h, String word) {
        int n = h.protocolNumber(word.toLowerCase(java.util.Locale.ROOT));
        if (n >= 0) {
            return n;
        }
        try {
            return Integer.parseInt(word);
        } catch (NumberFormatException e) {
            // Not a protocol: the base descriptor's parser names the bad value later.
            return -1;
        }
    }

    private static boolean hasMatch(List<Open> matches, String name) {
        for (Open o : matches) {
            if (o.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isExtensionName(String name) {
        switch (name) {
            case "ACCEPT":
            case "DROP":
            case "RETURN":
            case "QUEUE":
                return false;
            default:
                return name.equals(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static String need(List<String> words, int i, String opt) throws RulesetException {
        if (i + 1 >= words.size()) {
            throw new RulesetException("option \"" + opt + "\" requires an argument");
        }
        return words.get(i + 1);
    }
}
