package org.pkttables.ext.nptv6.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code SNPT} target (libip6t_SNPT, ip6t_NPT): source network prefix translation, RFC 6296. Like the
 * kernel, only in the mangle table's INPUT and POSTROUTING.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=SNPT")
public final class SnptTargetType implements TargetType {
    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("SNPT").families(Family.IPV6)
            .hooks(Hook.INPUT, Hook.POSTROUTING).tables("mangle").params(NptTarget.SRC_PFX, NptTarget.DST_PFX)
            .help("SNPT: translate the source address's prefix (RFC 6296, checksum-neutral; mangle INPUT/POSTROUTING)")
            .build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Target compile(Args args) {
        return NptTarget.compile(args, true);
    }
}
