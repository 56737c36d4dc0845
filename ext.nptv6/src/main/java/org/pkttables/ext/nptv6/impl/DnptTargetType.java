package org.pkttables.ext.nptv6.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code DNPT} target (libip6t_DNPT, ip6t_NPT): destination network prefix translation, RFC 6296. Like
 * the kernel, only in the mangle table's PREROUTING and OUTPUT.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=DNPT")
public final class DnptTargetType implements TargetType {
    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("DNPT").families(Family.IPV6)
            .hooks(Hook.PREROUTING, Hook.OUTPUT).tables("mangle").params(NptTarget.SRC_PFX, NptTarget.DST_PFX)
            .help("DNPT: translate the destination address's prefix (RFC 6296, checksum-neutral; mangle PREROUTING/OUTPUT)")
            .build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Target compile(Args args) {
        return NptTarget.compile(args, false);
    }
}
