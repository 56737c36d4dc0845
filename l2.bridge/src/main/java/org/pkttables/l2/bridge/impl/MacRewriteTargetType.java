package org.pkttables.l2.bridge.impl;

import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * ebtables' snat and dnat: rewrite the source or the destination MAC ({@link MacRewrite}) to the rule's
 * address, then give the verdict of the sub-target, which is listed only when it is not ACCEPT.
 */
abstract class MacRewriteTargetType implements TargetType {
    private final ExtensionDescriptor descriptor;
    private final Param<MacMask> to;
    private final Param<Integer> target;
    private final boolean source;

    MacRewriteTargetType(ExtensionDescriptor descriptor, Param<MacMask> to, Param<Integer> target, boolean source) {
        this.descriptor = descriptor;
        this.to = to;
        this.target = target;
        this.source = source;
    }

    /** The sub-target's option ({@code --snat-target}, {@code --dnat-target}). */
    static Param<Integer> target(String option) {
        return Param.of(option, SubTarget.type())
                .help("verdict after rewriting: ACCEPT (default), DROP, CONTINUE, RETURN");
    }

    @Override
    public final ExtensionDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Args canonicalize(Args args) {
        return SubTarget.listed(args, target);
    }

    @Override
    public final Target compile(Args a) {
        return MacRewrite.of(a.get(to), source, arp(a), SubTarget.verdict(a, target));
    }

    /** Whether the sender hardware address of an ARP frame is rewritten too (snat's {@code --snat-arp}). */
    boolean arp(Args a) {
        return false;
    }
}
