package org.pkttables.nat;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.pkttables.api.HookFunction;
import org.pkttables.api.Ruleset;
import org.pkttables.api.ext.TargetType;

/**
 * One family's NAT services, built without OSGi (then {@link #register}ed by the family's bundle): the five
 * targets (for that family's rules only), and the two hook functions with the service properties they are
 * registered under (the family; PREROUTING and OUTPUT at {@code dstnat}, INPUT and POSTROUTING at
 * {@code srcnat}). core.nat registers exactly these for IPv4 ({@link Ipv4Nat}), core.nat66 for IPv6;
 * benchmarks and embedders register them with their own core.
 */
public final class NatServices {
    private final NatCore core;
    private final List<TargetType> targets;
    private final Map<HookFunction, Map<String, Object>> hooks = new LinkedHashMap<>();
    private final List<ServiceRegistration<?>> regs = new ArrayList<>();

    /** IPv4 NAT (core.nat's), its port searches starting at random offsets as the kernel's (get_random_u16). */
    public NatServices(Ruleset ruleset) {
        this(ruleset, Ipv4Nat.INSTANCE, new NatCore(new java.security.SecureRandom().nextLong()));
    }

    /** The NAT of {@code family} over the engine {@code core}. */
    public NatServices(Ruleset ruleset, NatFamily family, NatCore core) {
        this.core = core;
        targets = targets(core, family);
        hooks.put(new NatHook(core, ruleset, NatCore.DST, family),
                props(family, new String[] { "PREROUTING", "OUTPUT" }, "dstnat"));
        hooks.put(new NatHook(core, ruleset, NatCore.SRC, family),
                props(family, new String[] { "INPUT", "POSTROUTING" }, "srcnat"));
    }

    /** The target types SNAT, DNAT, MASQUERADE, REDIRECT and NETMAP for {@code family}'s rules. */
    public static List<TargetType> targets(NatCore core, NatFamily family) {
        return List.of(new SnatTargetType(core, family), new DnatTargetType(core, family),
                new MasqueradeTargetType(core, family), new RedirectTargetType(core, family),
                new NetmapTargetType(core, family));
    }

    private static Map<String, Object> props(NatFamily family, String[] hookNames, String priority) {
        return Map.of(HookFunction.FAMILY, new String[] { family.family().id() }, HookFunction.HOOK, hookNames,
                HookFunction.PRIORITY, priority);
    }

    public List<TargetType> targets() {
        return targets;
    }

    /** Each hook function with its service properties. */
    public Map<HookFunction, Map<String, Object>> hooks() {
        return hooks;
    }

    /** The engine these services share. */
    public NatCore core() {
        return core;
    }

    /** Registers the targets and hook functions with {@code bc} (a bundle's activation). */
    public synchronized void register(BundleContext bc) {
        for (TargetType t : targets) {
            Dictionary<String, Object> d = new Hashtable<>();
            d.put(TargetType.NAME, t.descriptor().name());
            regs.add(bc.registerService(TargetType.class, t, d));
        }
        for (Map.Entry<HookFunction, Map<String, Object>> h : hooks.entrySet()) {
            regs.add(bc.registerService(HookFunction.class, h.getKey(), new Hashtable<>(h.getValue())));
        }
    }

    /** Takes back what {@link #register} registered (the bundle's deactivation). */
    public synchronized void unregister() {
        for (ServiceRegistration<?> r : regs) {
            r.unregister();
        }
        regs.clear();
    }

    /** Where MASQUERADE and REDIRECT find the appliance's addresses. */
    public void setAddresses(NatCore.Addresses a) {
        core.setAddresses(a);
    }

    /**
     * Fixed addresses for MASQUERADE and REDIRECT, for embedders and tests without router mode's address
     * table: the IPv4 address of each port (unsigned 32-bit value) and its IPv6 address as {high, low}.
     */
    public void useAddresses(Map<String, Long> ipv4, Map<String, long[]> ipv6) {
        Map<String, Long> v4 = Map.copyOf(ipv4);
        Map<String, long[]> v6 = Map.copyOf(ipv6);
        core.setAddresses(new NatCore.Addresses() {
            @Override
            public long ipv4(String iface, org.pkttables.api.PacketContext p) {
                Long a = v4.get(iface);
                return a == null ? -1 : a;
            }

            @Override
            public long[] ipv6(String iface, org.pkttables.api.PacketContext p) {
                return v6.get(iface);
            }
        });
    }
}
