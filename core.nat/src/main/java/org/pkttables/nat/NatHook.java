package org.pkttables.nat;

import org.pkttables.api.HookFunction;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.conntrack.NatEntry;

/**
 * One of the NAT engine's hook functions, as the kernel's nf_nat_inet_fn: destination NAT at PREROUTING and
 * OUTPUT (priority {@code dstnat}), source NAT at INPUT and POSTROUTING ({@code srcnat}). The first packet
 * of a new connection runs the nat table's chain of the hook (whose NAT target binds it); a connection no
 * rule bound gets a null binding (still unique). Every packet of a bound connection is then rewritten from
 * its tuples, without the table, by the family's side of NAT ({@link NatFamily}). Allocation-free on that
 * path. A traced first packet also gets its translation as a trace step ({@link Ruleset#traceStep}).
 */
public final class NatHook implements HookFunction {
    public static final String TABLE = "nat";

    private final NatCore core;
    private final NatFamily family;
    private final Ruleset ruleset;
    private final int manip;

    /** The hook function of {@code family}'s NAT for one manip type ({@link NatCore#SRC} or {@link NatCore#DST}). */
    public NatHook(NatCore core, Ruleset ruleset, int manip, NatFamily family) {
        this.core = core;
        this.family = family;
        this.ruleset = ruleset;
        this.manip = manip;
    }

    @Override
    public int process(PacketContext p) {
        if (p.isFragment() && p.fragOffset() != 0 && core.inUse) {
            core.fragments.increment();
            return Verdict.DROP; // no ports to find its connection by: never forwarded untranslated
        }
        NatEntry e = NatCore.entry(p);
        if (e == null) {
            return Verdict.ACCEPT; // untracked or invalid: NAT does not touch it
        }
        int done = manip == NatCore.SRC ? CtStatus.SRC_NAT_DONE : CtStatus.DST_NAT_DONE;
        if (e.unconfirmed() && (e.status() & done) == 0) {
            int v = ruleset.evaluate(TABLE, p);
            if (v != Verdict.ACCEPT) {
                return v;
            }
            if ((e.status() & done) == 0) {
                v = core.nullBinding(p, manip);
                if (v != Verdict.ACCEPT) {
                    return v;
                }
            }
            if (p.traced() && NatCore.translates(e, manip)) {
                // the translation step next to the nat rules trace showed (cold: traced packets only)
                ruleset.traceStep(p, TABLE, p.hook().name(), "nat: " + NatExplain.text(e));
            }
        }
        return NatCore.translates(e, manip) ? family.translate(core, p, e, manip) : Verdict.ACCEPT;
    }

    @Override
    public String toString() {
        return manip == NatCore.SRC ? "nat (source)" : "nat (destination)";
    }
}
