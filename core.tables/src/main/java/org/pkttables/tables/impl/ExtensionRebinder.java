package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.Family;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetException;
import org.pkttables.api.ext.L3Handler;

/**
 * Extensions and L3 handlers coming and going (control plane): when one leaves, the rules using it
 * fail closed (listed with what is missing); when one arrives, rules failing closed compile again.
 * Each change is published as a new generation of the {@link RulesetImpl} with one event per rule.
 */
final class ExtensionRebinder {
    private static final System.Logger LOG = System.getLogger("org.pkttables.core.tables");

    private final RulesetImpl ruleset;
    private final ExtensionRegistryImpl registry;

    ExtensionRebinder(RulesetImpl ruleset, ExtensionRegistryImpl registry) {
        this.ruleset = ruleset;
        this.registry = registry;
    }

    /** An extension or handler arrived: rules failing closed because of it compile again. */
    void rebind() {
        ruleset.setHandlers(currentHandlers());
        rewriteRules(true, null);
    }

    /** An extension left: rules that use it fail closed until it is back. */
    void unbind(String useKey) {
        ruleset.setHandlers(currentHandlers());
        rewriteRules(false, useKey);
    }

    private L3Handler[] currentHandlers() {
        L3Handler[] h = new L3Handler[Family.values().length];
        for (Family f : Family.values()) {
            h[f.ordinal()] = registry.handler(f);
        }
        return h;
    }

    private void rewriteRules(boolean rebinding, String useKey) {
        ruleset.writeLock.lock();
        try {
            Map<String, TableState> changed = new HashMap<>();
            List<RulesetEvent> events = new ArrayList<>();
            TableState[][] live = ruleset.liveAll();
            for (Family f : Family.values()) {
                for (TableState t : live[f.ordinal()]) {
                    WorkTable w = null;
                    for (int s = 0; s < t.slots.length; s++) {
                        ChainState c = t.slots[s];
                        if (c == null) {
                            continue;
                        }
                        for (int i = 0; i < c.rules.length; i++) {
                            RuleEntry r = c.rules[i];
                            RuleEntry n = null;
                            if (rebinding && r.missing != null) {
                                n = recompile(f, t, w, c.name, r);
                            } else if (!rebinding && r.missing == null
                                    && (r.uses.contains(useKey) || useKey.startsWith("l3:" + f.id()))) {
                                n = r.unbound(useKey.startsWith("l3:") ? "family " + f.id()
                                        : (useKey.startsWith("m:") ? "match " : "target ") + useKey.substring(2));
                            }
                            if (n != null && n != r) {
                                if (w == null) {
                                    w = new WorkTable(t);
                                }
                                w.rules(s).set(i, n);
                                events.add(new RulesetEvent(0, n.missing == null ? RulesetEvent.Type.RULE_REBOUND
                                        : RulesetEvent.Type.RULE_UNBOUND, f, t.def.name(), c.name, i + 1, n.handle,
                                        n.missing == null ? RuleText.of(n, w::chainName, ruleset.targetFirst(f))
                                                : n.missing));
                            }
                        }
                    }
                    if (w != null) {
                        changed.put(f.id() + "/" + t.def.name(), w.freeze());
                    }
                }
            }
            if (!changed.isEmpty()) {
                long gen = ruleset.publish(changed);
                List<RulesetEvent> out = new ArrayList<>();
                for (RulesetEvent e : events) {
                    out.add(new RulesetEvent(gen, e.type(), e.family(), e.table(), e.chain(), e.position(),
                            e.handle(), e.detail()));
                }
                ruleset.announce(out);
            }
        } finally {
            ruleset.writeLock.unlock();
        }
    }

    private RuleEntry recompile(Family f, TableState t, WorkTable w, String chain, RuleEntry r) {
        RuleCompiler.Chains chains = w != null ? w : new WorkTable(t);
        try {
            RuleEntry n = ruleset.compiler.compile(f, t.def.name(), chain, chains, r.spec, r.handle, r.counterId);
            return r.rebound(n);
        } catch (RuleCompiler.Missing m) {
            return r;
        } catch (RulesetException e) {
            // The extension came back but no longer accepts these words (a changed version):
            // the rule stays listed and keeps failing closed, and the log says why.
            LOG.log(System.Logger.Level.WARNING, "rule " + r.handle + " in " + chain + " does not rebind: "
                    + e.getMessage());
            return r;
        }
    }
}
