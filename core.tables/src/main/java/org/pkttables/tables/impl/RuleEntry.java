package org.pkttables.tables.impl;

import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.Target;

/**
 * One compiled rule, immutable and shared by all workers: its matches, what happens when they all
 * match, and where its counters live. A rule whose extension is not loaded keeps its words and
 * counters but {@link #failClosed}: every packet reaching it is counted and dropped.
 */
final class RuleEntry {
    static final int NONE = 0;
    static final int VERDICT = 1;
    static final int TARGET = 2;
    static final int JUMP = 3;
    static final int GOTO = 4;

    final long handle;
    final int counterId;
    /** Canonical words, grouped per extension; re-parsed when an extension comes back. */
    final RuleSpec spec;
    /** Save-form text of everything before the target (quoted where iptables quotes). */
    final String matchText;
    /** Save-form text of a -j extension target with its options, or null for verdicts and jumps. */
    final String targetText;
    final Match[] matches;
    final int kind;
    final int verdict;
    final Target target;
    /** Slot of the chain a JUMP/GOTO enters (stable across renames). */
    final int jumpSlot;
    /** Name of the absent extension, or null when bound. */
    final String missing;
    /** Extension names this rule uses ("m:tcp", "t:LOG"), for rebinding. */
    final List<String> uses;

    RuleEntry(long handle, int counterId, RuleSpec spec, String matchText, String targetText, Match[] matches,
            int kind, int verdict, Target target, int jumpSlot, String missing, List<String> uses) {
        this.handle = handle;
        this.counterId = counterId;
        this.spec = spec;
        this.matchText = matchText;
        this.targetText = targetText;
        this.matches = matches;
        this.kind = kind;
        this.verdict = verdict;
        this.target = target;
        this.jumpSlot = jumpSlot;
        this.missing = missing;
        this.uses = uses;
    }

    boolean failClosed() {
        return missing != null;
    }

    /**
     * Hot path: all matches, in order. What a match throws comes out as an {@link ExtensionFailure}
     * naming the match (the try costs nothing while nothing is thrown).
     */
    boolean matches(PacketContext p) {
        final Match[] m = matches;
        int i = 0;
        try {
            for (; i < m.length; i++) {
                if (!m[i].matches(p)) {
                    return false;
                }
            }
            return true;
        } catch (Throwable t) {
            throw ExtensionFailure.of(i, t);
        }
    }

    /** Hot path: the target of a TARGET rule; what it throws comes out as an {@link ExtensionFailure}. */
    int apply(PacketContext p) {
        try {
            return target.apply(p);
        } catch (Throwable t) {
            throw ExtensionFailure.of(ExtensionFailure.TARGET, t);
        }
    }

    /** Control plane ({@code explain}): {@link Target#explain}, failures as {@link #apply}'s. */
    int explain(PacketContext p, java.util.List<String> notes) {
        try {
            return target.explain(p, notes);
        } catch (Throwable t) {
            throw ExtensionFailure.of(ExtensionFailure.TARGET, t);
        }
    }

    /** The extension a failure of this rule came from: {@code match tcp}, {@code target LOG}. */
    String extension(int match, String family) {
        if (match == ExtensionFailure.TARGET) {
            for (String u : uses) {
                if (u.startsWith("t:")) {
                    return "target " + u.substring(2);
                }
            }
            return "target";
        }
        int named = 0;
        for (String u : uses) {
            if (u.startsWith("m:")) {
                named++;
            }
        }
        // The family's base options (-s -d -p -i ...) compile to one match before the named ones, if any.
        int base = matches.length - named;
        if (match < base) {
            return "base options of " + family;
        }
        int k = match - base;
        for (String u : uses) {
            if (u.startsWith("m:") && k-- == 0) {
                return "match " + u.substring(2);
            }
        }
        return "match #" + (match + 1);
    }

    /** The same rule (handle, counters, words) in another binding state. */
    RuleEntry rebound(RuleEntry compiled) {
        return new RuleEntry(handle, counterId, compiled.spec, compiled.matchText, compiled.targetText,
                compiled.matches, compiled.kind, compiled.verdict, compiled.target, compiled.jumpSlot,
                compiled.missing, compiled.uses);
    }

    RuleEntry unbound(String extension) {
        return new RuleEntry(handle, counterId, spec, matchText, targetText, new Match[0], VERDICT, Verdict.DROP,
                null, jumpSlot, extension, uses);
    }
}
