package org.pkttables.conntrack.impl.target;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.conntrack.PacketConntrack;

/**
 * {@code NOTRACK} (raw table): the packet is not tracked and its state is UNTRACKED. The raw table runs
 * before the conntrack hook, which leaves such packets alone.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=NOTRACK")
public final class NotrackTargetType implements TargetType {
    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("NOTRACK")
            .families(Family.IPV4, Family.IPV6).tables("raw").hooks(Hook.PREROUTING, Hook.OUTPUT).listing("NOTRACK")
            .help("NOTRACK: do not track this packet (state UNTRACKED); raw table only").build();

    static final Target UNTRACK = p -> {
        p.setConntrack(PacketConntrack.UNTRACKED);
        return Verdict.CONTINUE;
    };

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Target compile(Args args) {
        return UNTRACK;
    }
}
