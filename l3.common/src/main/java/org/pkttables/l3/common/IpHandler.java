package org.pkttables.l3.common;

import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookPriority;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.TableDescriptor;

/**
 * What the IPv4 and IPv6 handlers share around their own header parsing: the base descriptor, the
 * listing and checking of the base options ({@link BaseOptions}) and protocol names; each family
 * compiles its own base match.
 */
public abstract class IpHandler implements L3Handler {
    /**
     * The tables of iptables and ip6tables in save order raw, mangle, nat, filter (the legacy tool's fixed
     * order; the nft variant prints in creation order), so saved files are stable. nat is not hooked: the
     * NAT engine (core.nat) runs it through Ruleset.evaluate for the first packet of each connection only,
     * as the kernel's nf_nat hooks run the nat table; later packets are translated from the connection's
     * binding. Without core.nat its chains load and never run.
     */
    static final List<TableDescriptor> TABLES = List.of(
            TableDescriptor.of("raw", HookPriority.RAW, true, Hook.PREROUTING, Hook.OUTPUT),
            TableDescriptor.of("mangle", HookPriority.MANGLE, true, Hook.values()),
            TableDescriptor.of("nat", HookPriority.NAT_DST, false, Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT,
                    Hook.POSTROUTING),
            TableDescriptor.of("filter", HookPriority.FILTER, true, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT));

    private final Family family;
    private final ExtensionDescriptor descriptor;
    private final BaseOptions<?> base;

    protected IpHandler(Family family, ExtensionDescriptor descriptor, BaseOptions<?> base) {
        this.family = family;
        this.descriptor = descriptor;
        this.base = base;
    }

    @Override
    public final Family family() {
        return family;
    }

    @Override
    public final List<TableDescriptor> tables() {
        return TABLES;
    }

    @Override
    public final ExtensionDescriptor baseDescriptor() {
        return descriptor;
    }

    /**
     * Drops what the real tools do not list because it matches everything: a {@code /0} address,
     * {@code -p all} ({@code -p 0}) and {@code -i +}.
     */
    @Override
    public final Args canonicalize(Args args) {
        return base.canonicalize(args);
    }

    @Override
    public final Match compileBase(Args a) {
        Args c = base.checked(a);
        if (c.params().isEmpty()) {
            return null;
        }
        return compile(c, base.ifacesAndProtocol(c));
    }

    /** The family's base match over checked, non-empty options, with their compiled {@code -i -o -p}. */
    protected abstract Match compile(Args checked, IfacesAndProtocol ifacesAndProtocol);

    @Override
    public final int protocolNumber(String name) {
        return Protocols.number(name);
    }

    /** Marks the packet malformed (the kernel drops it before netfilter); false, for {@code parse}. */
    protected static boolean malformed(PacketContext p) {
        p.setMalformed(true);
        return false;
    }
}
