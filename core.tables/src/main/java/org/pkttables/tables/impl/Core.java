package org.pkttables.tables.impl;

import java.util.List;
import java.util.Map;

import org.pkttables.api.HookFunction;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.RulesetListener;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.ExtensionRegistry;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.TargetType;
import org.pkttables.tables.engine.Engine;
import org.pkttables.tables.engine.RulesetTools;

/**
 * The core without OSGi: registry and ruleset wired together ({@link Engine#create()}). The DS
 * component and the test Harness both drive it through {@link #register}/{@link #unregister}.
 */
public final class Core implements Engine {
    private final ExtensionRegistryImpl registry = new ExtensionRegistryImpl();
    private final RulesetImpl ruleset = new RulesetImpl(registry);
    private final ToolSupport tools = new ToolSupport(ruleset, registry);

    /** Adds a MatchType, TargetType, L3Handler, HookFunction or RulesetListener. */
    @Override
    public void register(Object service) {
        register(service, Map.of());
    }

    @Override
    public void register(Object service, Map<String, ?> props) {
        boolean known = false;
        if (service instanceof HookFunction) {
            ruleset.addHookFunction((HookFunction) service, props);
            known = true;
        }
        if (service instanceof RulesetListener) {
            ruleset.addListener((RulesetListener) service);
            known = true;
        }
        if (service instanceof org.pkttables.api.TraceListener) {
            ruleset.addTraceListener((org.pkttables.api.TraceListener) service);
            known = true;
        }
        if (registry.add(service) != null) {
            ruleset.rebind();
            known = true;
        }
        if (!known) {
            throw new IllegalArgumentException("not a pkttables service: " + service.getClass().getName());
        }
    }

    @Override
    public boolean accepts(Object service) {
        return service instanceof HookFunction || service instanceof RulesetListener
                || service instanceof org.pkttables.api.TraceListener || service instanceof MatchType
                || service instanceof TargetType || service instanceof L3Handler;
    }

    @Override
    public void unregister(Object service) {
        if (service instanceof HookFunction) {
            ruleset.removeHookFunction((HookFunction) service);
        }
        if (service instanceof RulesetListener) {
            ruleset.removeListener((RulesetListener) service);
        }
        if (service instanceof org.pkttables.api.TraceListener) {
            ruleset.removeTraceListener((org.pkttables.api.TraceListener) service);
        }
        String key = registry.remove(service);
        if (key != null) {
            ruleset.unbind(key);
            // Another provider of the same name may still be there (REJECT v4/v6, a bundle update).
            ruleset.rebind();
        }
    }

    /** Switches the packet path to the linear reference walk (true) or the chains' classifiers. */
    @Override
    public void setLinear(boolean on) {
        ruleset.setLinear(on);
    }

    /**
     * Where chain classifiers are rebuilt after many single-rule edits (default: one background
     * thread). Tests pass their own to decide when rebuilds run and swap in.
     */
    @Override
    public void setRebuildExecutor(java.util.concurrent.Executor e) {
        ruleset.setRebuildExecutor(e);
    }

    @Override
    public Ruleset ruleset() {
        return ruleset;
    }

    @Override
    public ExtensionRegistry registry() {
        return registry;
    }

    @Override
    public RulesetTools tools() {
        return tools;
    }

    /**
     * Reads one extension's option words into {@code b} exactly as the iptables parser does for a rule
     * ({@code what} names the extension in errors, e.g. {@code match "tcp"}). For {@link Engine#parseOptions}.
     */
    public static void parseOptions(ExtensionDescriptor d, List<String> words, Args.Builder b, String what)
            throws RulesetException {
        ArgsParser.parse(d, words, b, what);
    }

    /** The canonical option words of {@code a} in descriptor order, unquoted, as rules list them. */
    public static List<String> optionWords(ExtensionDescriptor d, Args a) {
        return ArgsParser.words(d, a);
    }
}
