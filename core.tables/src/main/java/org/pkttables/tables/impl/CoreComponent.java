package org.pkttables.tables.impl;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.Hook;
import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.RulesetListener;
import org.pkttables.api.TableInfo;
import org.pkttables.api.TraceListener;
import org.pkttables.api.Transaction;
import org.pkttables.api.Family;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.ExtensionRegistry;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.TargetType;
import org.pkttables.tables.engine.RulesetTools;

/**
 * The core as a DS component: consumes matches, targets, handlers, hook functions and listeners as a
 * whiteboard (dynamic, greedy: an extension arriving or leaving rebinds or fails closed the rules
 * using it at once) and offers the ruleset, the query interface and what the command-line tools
 * ({@code cli.xtables}) need beyond them.
 */
@Component(immediate = true, service = { Ruleset.class, ExtensionRegistry.class, RulesetTools.class })
public final class CoreComponent implements Ruleset, ExtensionRegistry, RulesetTools {
    private final Core core = new Core();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addMatchType(MatchType t) {
        core.register(t);
    }

    void removeMatchType(MatchType t) {
        core.unregister(t);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTargetType(TargetType t) {
        core.register(t);
    }

    void removeTargetType(TargetType t) {
        core.unregister(t);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addL3Handler(L3Handler h) {
        core.register(h);
    }

    void removeL3Handler(L3Handler h) {
        core.unregister(h);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addHookFunction(HookFunction f, Map<String, Object> props) {
        core.register(f, props);
    }

    void removeHookFunction(HookFunction f) {
        core.unregister(f);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRulesetListener(RulesetListener l) {
        core.register(l);
    }

    void removeRulesetListener(RulesetListener l) {
        core.unregister(l);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addTraceListener(org.pkttables.api.TraceListener l) {
        core.register(l);
    }

    void removeTraceListener(org.pkttables.api.TraceListener l) {
        core.unregister(l);
    }

    // ---- Ruleset ----

    @Override
    public Transaction begin() {
        return core.ruleset().begin();
    }

    @Override
    public long generation() {
        return core.ruleset().generation();
    }

    @Override
    public List<String> tables(Family f) {
        return core.ruleset().tables(f);
    }

    @Override
    public TableInfo table(Family f, String table) throws RulesetException {
        return core.ruleset().table(f, table);
    }

    @Override
    public boolean contains(Family f, String table, String chain, RuleSpec rule) throws RulesetException {
        return core.ruleset().contains(f, table, chain, rule);
    }

    @Override
    public int process(PacketContext p) {
        return core.ruleset().process(p);
    }

    @Override
    public int evaluate(String table, PacketContext p) {
        return core.ruleset().evaluate(table, p);
    }

    @Override
    public void traceStep(PacketContext p, String table, String chain, String text) {
        core.ruleset().traceStep(p, table, chain, text);
    }

    @Override
    public boolean parse(Family f, PacketContext p, int l3Offset) {
        return core.ruleset().parse(f, p, l3Offset);
    }

    @Override
    public long failClosedDrops() {
        return core.ruleset().failClosedDrops();
    }

    @Override
    public long faultDrops() {
        return core.ruleset().faultDrops();
    }

    @Override
    public long faultDrops(int worker) {
        return core.ruleset().faultDrops(worker);
    }

    @Override
    public List<org.pkttables.api.ExtensionFault> faults() {
        return core.ruleset().faults();
    }

    @Override
    public org.pkttables.api.ExtensionFault lastFault(int worker) {
        return core.ruleset().lastFault(worker);
    }

    // ---- ExtensionRegistry ----

    @Override
    public List<ExtensionDescriptor> descriptors() {
        return core.registry().descriptors();
    }

    @Override
    public ExtensionDescriptor find(Family family, ExtensionDescriptor.Kind kind, String name) {
        return core.registry().find(family, kind, name);
    }

    // ---- RulesetTools ----

    @Override
    public List<String> usedTables(Family f) {
        return core.tools().usedTables(f);
    }

    @Override
    public Transaction beginFailClosed() {
        return core.tools().beginFailClosed();
    }

    @Override
    public boolean chainExists(Transaction tx, Family f, String table, String chain) throws RulesetException {
        return core.tools().chainExists(tx, f, table, chain);
    }

    @Override
    public boolean isBuiltin(Transaction tx, Family f, String table, String chain) throws RulesetException {
        return core.tools().isBuiltin(tx, f, table, chain);
    }

    @Override
    public L3Handler handler(Family f) {
        return core.tools().handler(f);
    }

    @Override
    public int optionArity(String option) {
        return core.tools().optionArity(option);
    }

    @Override
    public int explain(PacketContext p, Hook[] hooks, List<String> out) {
        return core.tools().explain(p, hooks, out);
    }

    @Override
    public void startTrace(TraceListener l) {
        core.tools().startTrace(l);
    }

    @Override
    public void stopTrace(TraceListener l) {
        core.tools().stopTrace(l);
    }
}
