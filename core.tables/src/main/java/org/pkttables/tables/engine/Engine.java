package org.pkttables.tables.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.osgi.annotation.versioning.ProviderType;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.ExtensionRegistry;

/**
 * A complete engine without OSGi — registry, ruleset, hook pipeline — fed with extension and handler
 * instances directly, as the DS component feeds it from the service registry. Used by the test kit
 * ({@code core.tables.testing}'s Harness) and by benchmarks.
 */
@ProviderType
public interface Engine {
    /** A new, empty engine. */
    static Engine create() {
        return new org.pkttables.tables.impl.Core();
    }

    /** Adds a MatchType, TargetType, L3Handler, HookFunction, RulesetListener or TraceListener. */
    void register(Object service);

    /** {@link #register(Object)} with the service properties OSGi would pass (a HookFunction's hook and priority). */
    void register(Object service, Map<String, ?> props);

    /** True when {@link #register(Object)} takes {@code service} (it is one of the kinds listed there). */
    boolean accepts(Object service);

    void unregister(Object service);

    /** Switches the packet path to the linear reference walk (true) or the chains' classifiers. */
    void setLinear(boolean on);

    /** Where chain classifiers are rebuilt after many single-rule edits (default: one background thread). */
    void setRebuildExecutor(Executor e);

    Ruleset ruleset();

    ExtensionRegistry registry();

    RulesetTools tools();

    /**
     * Reads one extension's option words into {@code b} exactly as the rule parser does ({@code what}
     * names the extension in errors, e.g. {@code match "tcp"}).
     */
    static void parseOptions(ExtensionDescriptor d, List<String> words, Args.Builder b, String what)
            throws RulesetException {
        org.pkttables.tables.impl.Core.parseOptions(d, words, b, what);
    }

    /** The canonical option words of {@code a} in descriptor order, unquoted, as rules list them. */
    static List<String> optionWords(ExtensionDescriptor d, Args a) {
        return org.pkttables.tables.impl.Core.optionWords(d, a);
    }
}
