package org.pkttables.tables.impl;

import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TraceListener;
import org.pkttables.api.Transaction;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.tables.engine.RulesetTools;

/** {@link RulesetTools} over the engine's ruleset and registry: what the command-line tools ask of it. */
final class ToolSupport implements RulesetTools {
    private final RulesetImpl ruleset;
    private final ExtensionRegistryImpl registry;

    ToolSupport(RulesetImpl ruleset, ExtensionRegistryImpl registry) {
        this.ruleset = ruleset;
        this.registry = registry;
    }

    @Override
    public List<String> usedTables(Family f) {
        return ruleset.usedTables(f);
    }

    @Override
    public Transaction beginFailClosed() {
        return ruleset.beginFailClosed();
    }

    @Override
    public boolean chainExists(Transaction tx, Family f, String table, String chain) throws RulesetException {
        return batch(tx).exists(f, table, chain);
    }

    @Override
    public boolean isBuiltin(Transaction tx, Family f, String table, String chain) throws RulesetException {
        return batch(tx).isBuiltin(f, table, chain);
    }

    private static TransactionImpl batch(Transaction tx) {
        if (!(tx instanceof TransactionImpl)) {
            throw new IllegalArgumentException("not a batch of this engine: " + tx);
        }
        return (TransactionImpl) tx;
    }

    @Override
    public L3Handler handler(Family f) {
        return registry.handler(f);
    }

    @Override
    public int optionArity(String option) {
        return registry.optionArity(option);
    }

    @Override
    public int explain(PacketContext p, Hook[] hooks, List<String> out) {
        return new PathExplainer(ruleset).explain(p, hooks, out);
    }

    @Override
    public void startTrace(TraceListener l) {
        ruleset.addTraceListener(l);
    }

    @Override
    public void stopTrace(TraceListener l) {
        ruleset.removeTraceListener(l);
    }
}
