package org.pkttables.ext.nptv6.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code SNPT} target (libip6t_SNPT, ip6t_NPT): source network prefix translation, RFC 6296. Like the
 * kernel, only in the mangle table's INPUT and POSTROUTING.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=SNPT")
public final class SnptTargetType extends NptTargetType {
    public SnptTargetType() {
        super("SNPT", true,
                "SNPT: translate the source address's prefix (RFC 6296, checksum-neutral; mangle INPUT/POSTROUTING)",
                Hook.INPUT, Hook.POSTROUTING);
    }
}
