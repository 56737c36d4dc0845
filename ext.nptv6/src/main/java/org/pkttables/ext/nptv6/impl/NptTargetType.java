package org.pkttables.ext.nptv6.impl;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * What SNPT and DNPT share (libip6t_SNPT/DNPT, ip6t_NPT): the options {@code --src-pfx} and {@code --dst-pfx},
 * IPv6 only, the mangle table, and the compiled {@link NptTarget}; they differ in the address they translate
 * and the hooks the kernel allows them in.
 */
abstract class NptTargetType implements TargetType {
    private final ExtensionDescriptor descriptor;
    private final boolean source;

    NptTargetType(String name, boolean source, String help, Hook... hooks) {
        this.descriptor = ExtensionDescriptor.target(name).families(Family.IPV6).hooks(hooks).tables("mangle").listing(name)
                .params(NptTarget.SRC_PFX, NptTarget.DST_PFX).help(help).build();
        this.source = source;
    }

    @Override
    public final ExtensionDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Target compile(Args args) {
        return NptTarget.compile(args, source);
    }
}
