package org.pkttables.l3.common;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.Match;

/**
 * What the IPv4 and IPv6 handlers share around their own header parsing: the base descriptor, the
 * listing and checking of the base options ({@link BaseOptions}) and protocol names; each family
 * compiles its own base match.
 */
public abstract class IpHandler implements L3Handler {
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
