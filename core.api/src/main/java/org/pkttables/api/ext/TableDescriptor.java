package org.pkttables.api.ext;

import java.util.HashSet;
import java.util.List;

import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;

/**
 * A built-in table a family contributes through its {@link L3Handler#tables()}: its name, its built-in
 * chains (one per hook, named as the hook, in the order listings print them), the priority at which it
 * runs in the hook pipeline, whether the pipeline runs it at all ({@code hooked}: false for a table that
 * another bundle evaluates itself, as NAT runs {@code nat} for a connection's first packet only) and the
 * verdicts a built-in chain's policy may be (the first is the policy a new chain starts with).
 */
public record TableDescriptor(String name, List<Hook> hooks, int priority, boolean hooked, List<Integer> policies) {
    /** What a built-in chain's policy may be unless a table says otherwise. */
    public static final List<Integer> ACCEPT_OR_DROP = List.of(Verdict.ACCEPT, Verdict.DROP);

    public TableDescriptor {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a table needs a name");
        }
        hooks = List.copyOf(hooks);
        policies = List.copyOf(policies);
        if (hooks.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no built-in chain");
        }
        if (new HashSet<>(hooks).size() != hooks.size()) {
            throw new IllegalArgumentException("table " + name + " names a hook twice: " + hooks);
        }
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " allows no policy");
        }
    }

    /** A table whose built-in chains' policies are ACCEPT (the default) or DROP, as in every xtables family. */
    public static TableDescriptor of(String name, int priority, boolean hooked, Hook... hooks) {
        return new TableDescriptor(name, List.of(hooks), priority, hooked, ACCEPT_OR_DROP);
    }
}
