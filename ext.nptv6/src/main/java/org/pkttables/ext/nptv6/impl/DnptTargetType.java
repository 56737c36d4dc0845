package org.pkttables.ext.nptv6.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code DNPT} target (libip6t_DNPT, ip6t_NPT): destination network prefix translation, RFC 6296. Like
 * the kernel, only in the mangle table's PREROUTING and OUTPUT.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=DNPT")
public final class DnptTargetType extends NptTargetType {
    public DnptTargetType() {
        super("DNPT", false,
                "DNPT: translate the destination address's prefix (RFC 6296, checksum-neutral; mangle PREROUTING/OUTPUT)",
                Hook.PREROUTING, Hook.OUTPUT);
    }
}
