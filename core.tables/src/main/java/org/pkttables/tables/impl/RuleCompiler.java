package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.pkttables.api.SaveQuoting;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.RuleRefusedException;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.RulesetException;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * Turns a {@link RuleSpec} into a {@link RuleEntry}: finds each extension in the registry, parses its
 * words through its descriptor, checks family/table/hook/protocol, canonicalises and compiles. This
 * is done once per rule change, never per packet.
 */
final class RuleCompiler {
    private static final Set<String> VERDICTS = Set.of("ACCEPT", "DROP", "RETURN", "QUEUE");

    /** Resolves chain names of the table being edited to slots. */
    interface Chains {
        /** Slot of a chain, or -1. */
        int slot(String name);

        boolean builtin(String name);

        /** The hook of the built-in chain this rule goes into, or null for a user chain. */
        Hook hookOf(String chain);
    }

    private final ExtensionRegistryImpl registry;
    /**
     * Shared copies of the rules' "uses" lists and their keys: a ruleset has a handful of distinct
     * combinations, and 100k rules each holding their own list and strings cost ~10% of the heap per rule.
     */
    private final java.util.Map<Object, Object> shared = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_SHARED = 4096;

    RuleCompiler(ExtensionRegistryImpl registry) {
        this.registry = registry;
    }

    /** Thrown inside compile when an extension is absent and the caller asked for fail-closed entries. */
    static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;
        final String extension;

        Missing(String extension) {
            super(extension, null, false, false);
            this.extension = extension;
        }
    }

    /**
     * Compiles {@code spec} for {@code chain} of {@code table}.
     *
     * @throws Missing          when an extension is not loaded (the caller decides: error or fail closed)
     * @throws RulesetException for everything else wrong with the rule
     */
    RuleEntry compile(Family f, String table, String chain, Chains chains, RuleSpec spec, long handle,
            int counterId) throws RulesetException, Missing {
        L3Handler h = registry.handler(f);
        if (h == null) {
            throw new Missing("family " + f.id());
        }
        Hook hook = chains.hookOf(chain);
        List<Match> compiled = new ArrayList<>();
        List<String> uses = new ArrayList<>();

        // Base options: the family's handler owns -s/-d/-p/-f; -i/-o are in its descriptor too.
        ExtensionDescriptor baseD = h.baseDescriptor();
        Args.Builder bb = Args.builder(f, table);
        ArgsParser.parse(baseD, spec.base(), bb, f.tool());
        Args base;
        try {
            base = h.canonicalize(bb.build());
        } catch (IllegalArgumentException e) {
            throw baseRefused(f, e);
        }
        int proto = -1;
        boolean protoInv = false;
        for (Param<?> p : baseD.params()) {
            if (p.accepts("-p") && base.has(p)) {
                proto = ((Number) base.get(p)).intValue();
                protoInv = base.inverted(p);
            }
        }
        checkIface(base, baseD, hook);
        Match bm;
        try {
            bm = h.compileBase(base);
        } catch (IllegalArgumentException e) {
            throw baseRefused(f, e);
        }
        if (bm != null) {
            compiled.add(bm);
        }
        List<String> baseWords = new ArrayList<>(16);
        StringBuilder text = new StringBuilder(128).append(ArgsParser.wordsAndText(baseD, base, baseWords, f.tool()));

        List<RuleSpec.Call> matchCalls = new ArrayList<>();
        for (RuleSpec.Call call : spec.matches()) {
            uses.add(share("m:" + call.name()));
            MatchType mt = registry.match(f, call.name());
            if (mt == null) {
                throw new Missing("match " + call.name());
            }
            ExtensionDescriptor d = mt.descriptor();
            String what = "match \"" + d.name() + "\"";
            Args.Builder ab = Args.builder(f, table).protocol(proto, protoInv).hook(hook);
            ArgsParser.parse(d, call.words(), ab, what);
            checkPlace(d, what, table, hook);
            if (d.protocol() != null) {
                int want = h.protocolNumber(d.protocol());
                if (proto != want || protoInv) {
                    String m = what + " needs \"-p " + d.protocol() + "\" in the same rule";
                    // (iptables checks it itself for tcp and udp: "TCP match requires '-p tcp'"; else the kernel refuses)
                    throw d.toolChecksProtocol()
                            ? new RuleRefusedException(m, null, null, d.protocol().toUpperCase(Locale.ROOT)
                                    + " match requires '-p " + d.protocol() + "'")
                            : new RuleRefusedException(m, null, KernelRefusal.INVALID_ARGUMENT);
                }
            }
            Args a;
            Match m;
            boolean vanishes;
            try {
                Args given = ab.build();
                vanishes = mt.vanishes(given);
                a = mt.canonicalize(given);
                m = mt.compile(a);
            } catch (IllegalArgumentException e) {
                throw refused(what + ": " + e.getMessage(), e, d.name(), null);
            }
            if (m == null) {
                throw new RulesetException(what + ": extension returned no match");
            }
            compiled.add(m);
            if (vanishes) {
                continue;
            }
            List<String> words = new ArrayList<>(8);
            String t = ArgsParser.wordsAndText(d, a, words, what);
            matchCalls.add(new RuleSpec.Call(d.name(), words));
            append(text, "-m ");
            text.append(d.name());
            if (!t.isEmpty()) {
                append(text, t);
            }
        }

        int kind = RuleEntry.NONE;
        int verdict = Verdict.CONTINUE;
        Target target = null;
        int jumpSlot = -1;
        String targetText = null;
        RuleSpec.Call targetCall = spec.target();
        if (targetCall != null) {
            String name = targetCall.name();
            int slot = chains.slot(name);
            if (spec.gotoChain() || (slot >= 0 && !VERDICTS.contains(name))) {
                if (slot < 0) {
                    throw new RulesetException("goto: chain \"" + name + "\" does not exist");
                }
                if (chains.builtin(name)) {
                    throw new RulesetException("cannot jump to built-in chain \"" + name + "\"");
                }
                if (!targetCall.words().isEmpty()) {
                    throw new RulesetException("jump to chain \"" + name + "\" takes no options: "
                            + String.join(" ", targetCall.words()));
                }
                kind = spec.gotoChain() ? RuleEntry.GOTO : RuleEntry.JUMP;
                jumpSlot = slot;
            } else if (VERDICTS.contains(name)) {
                if (!targetCall.words().isEmpty()) {
                    throw new RulesetException("target " + name + " takes no options: "
                            + String.join(" ", targetCall.words()));
                }
                kind = RuleEntry.VERDICT;
                verdict = Verdict.of(name);
            } else {
                uses.add(share("t:" + name));
                TargetType tt = registry.target(f, name);
                if (tt == null) {
                    if (looksLikeChain(name)) {
                        throw new RulesetException("Couldn't load target \"" + name
                                + "\": no such target extension or chain");
                    }
                    throw new Missing("target " + name);
                }
                ExtensionDescriptor d = tt.descriptor();
                String what = "target \"" + d.name() + "\"";
                Args.Builder ab = Args.builder(f, table).protocol(proto, protoInv).hook(hook);
                ArgsParser.parse(d, targetCall.words(), ab, what);
                checkPlace(d, what, table, hook);
                Args a;
                try {
                    a = tt.canonicalize(ab.build());
                    target = tt.compile(a);
                } catch (IllegalArgumentException e) {
                    throw refused(what + ": " + e.getMessage(), e, d.name(), null);
                }
                kind = RuleEntry.TARGET;
                List<String> words = new ArrayList<>(8);
                String t = ArgsParser.wordsAndText(d, a, words, what);
                targetCall = new RuleSpec.Call(d.name(), words);
                targetText = "-j " + d.name() + (t.isEmpty() ? "" : " " + t);
            }
        }
        if (kind == RuleEntry.VERDICT || kind == RuleEntry.JUMP || kind == RuleEntry.GOTO) {
            // "-j ACCEPT", "-j chain": the same few calls in thousands of rules.
            targetCall = share(targetCall);
        }
        RuleSpec canonical = new RuleSpec(baseWords, matchCalls, targetCall, spec.gotoChain());
        return new RuleEntry(handle, counterId, canonical, text.toString(), targetText,
                compiled.toArray(new Match[0]), kind, verdict, target, jumpSlot, null, share(List.copyOf(uses)));
    }

    /** The shared equal copy of an immutable value (a uses list or key), or v itself once many are shared. */
    @SuppressWarnings("unchecked")
    private <T> T share(T v) {
        Object s = shared.get(v);
        if (s != null) {
            return (T) s;
        }
        if (shared.size() < MAX_SHARED) {
            s = shared.putIfAbsent(v, v);
        }
        return s == null ? v : (T) s;
    }

    /**
     * A rule that keeps words and counters but drops every packet reaching it, because
     * {@code missing} is not loaded. Its text is what it was when last bound (or as given).
     */
    RuleEntry failClosed(RuleSpec spec, long handle, int counterId, String missing, String matchText,
            String targetText, Chains chains) {
        int jumpSlot = spec.target() == null ? -1 : chains.slot(spec.target().name());
        List<String> uses = new ArrayList<>();
        for (RuleSpec.Call c : spec.matches()) {
            uses.add("m:" + c.name());
        }
        if (spec.target() != null && !VERDICTS.contains(spec.target().name()) && jumpSlot < 0) {
            uses.add("t:" + spec.target().name());
        }
        String mt = matchText;
        String tt = targetText;
        if (mt == null) {
            StringBuilder sb = new StringBuilder(quoteAll(spec.base()));
            for (RuleSpec.Call c : spec.matches()) {
                append(sb, "-m " + c.name());
                if (!c.words().isEmpty()) {
                    append(sb, quoteAll(c.words()));
                }
            }
            mt = sb.toString();
        }
        if (tt == null && spec.target() != null) {
            tt = "-j " + spec.target().name()
                    + (spec.target().words().isEmpty() ? "" : " " + quoteAll(spec.target().words()));
        }
        return new RuleEntry(handle, counterId, spec, mt, tt, new Match[0], RuleEntry.VERDICT, Verdict.DROP, null,
                jumpSlot, missing, List.copyOf(uses));
    }

    private static String quoteAll(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            // Option names as they are; every value quoted as needed, so that the text restores to the words.
            append(sb, "!".equals(w) || (w.startsWith("-") && SaveQuoting.plain(w)) ? w : SaveQuoting.quote(w));
        }
        return sb.toString();
    }

    private static boolean looksLikeChain(String name) {
        // iptables target extensions are upper case; a lower-case unknown name is a missing chain.
        return !name.equals(name.toUpperCase(Locale.ROOT));
    }

    private static void checkPlace(ExtensionDescriptor d, String what, String table, Hook hook)
            throws RulesetException {
        if (!d.tables().isEmpty() && !d.tables().contains(table)) {
            throw new RuleRefusedException(what + " is only valid in table " + String.join(", ", d.tables())
                    + ", not in " + table, null, KernelRefusal.INVALID_ARGUMENT); // the kernel's xt_check_match/target
        }
        if (hook != null && !d.hooks().contains(hook)) {
            throw new RuleRefusedException(what + " is only valid in " + hooks(d.hooks()) + ", not in " + hook, null,
                    KernelRefusal.INVALID_ARGUMENT);
        }
    }

    private static void checkIface(Args base, ExtensionDescriptor d, Hook hook) throws RulesetException {
        if (hook == null) {
            return;
        }
        for (Param<?> p : d.params()) {
            if (!base.has(p)) {
                continue;
            }
            // ebtables' --logical-in/--logical-out (the bridge device) have the places of -i/-o.
            boolean out = p.accepts("-o") || p.accepts("--logical-out");
            boolean in = p.accepts("-i") || p.accepts("--logical-in");
            if (out && (hook == Hook.PREROUTING || hook == Hook.INPUT)
                    || in && (hook == Hook.POSTROUTING || hook == Hook.OUTPUT)) {
                String m = "Can't use " + p.option() + " with " + hook;
                // (1.8.9's words end in a newline: the blank line it prints before "Try ...")
                throw new RuleRefusedException(m, null, null, p.option().startsWith("--") ? null : m + "\n");
            }
        }
    }

    /**
     * libxtables' own words for an address or protocol it cannot read, whichever option or extension met it
     * (the handler may name its option first: {@code -s: WORDS}); group 1 is 1.8.9's text.
     */
    private static final java.util.regex.Pattern LIBXTABLES_WORDS = java.util.regex.Pattern.compile(
            "(?:-[a-z]: )?(host/network `[^']*' not found|unknown protocol \"[^\"]*\" specified)");

    /** A base option's refusal ({@code iptables: -s: ...}). */
    private static RuleRefusedException baseRefused(Family f, IllegalArgumentException e) {
        return refused(f.tool() + ": " + e.getMessage(), e);
    }

    /**
     * An extension's refusal {@code e} as the rule's: the kernel's when the extension says so
     * ({@link KernelRefusal}), else a parameter problem, as iptables' own parser reports it.
     */
    static RuleRefusedException refused(String message, IllegalArgumentException e) {
        return refused(message, e, null, null);
    }

    /**
     * {@link #refused(String, IllegalArgumentException)} by extension {@code ext}'s option {@code option} (either
     * null when not known), with iptables 1.8.9's words for it when the extension gives them
     * ({@link ParameterProblem}): a template naming the extension or option needs them.
     */
    static RuleRefusedException refused(String message, IllegalArgumentException e, String ext, String option) {
        String words = null;
        if (e instanceof ParameterProblem p && (!p.namesOption() || ext != null)) {
            words = p.toolWords(ext, option);
        }
        java.util.regex.Matcher own = e == null || words != null ? null : LIBXTABLES_WORDS.matcher(String.valueOf(e.getMessage()));
        if (own != null && own.matches()) {
            words = own.group(1);
        }
        return new RuleRefusedException(message, e, e instanceof KernelRefusal k ? k.error() : null, words);
    }

    private static String hooks(Set<Hook> hooks) {
        StringBuilder sb = new StringBuilder();
        for (Hook h : hooks) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(h.name());
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(s);
    }
}
