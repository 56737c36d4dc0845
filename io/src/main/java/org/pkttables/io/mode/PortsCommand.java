package org.pkttables.io.mode;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.CommandExtension;

/** {@code ports}: per-port counters of the bridge or router (rx, tx, drops, queue overflows, libpcap drops). */
@Component(name = "org.pkttables.io.wire.PortsCommand", service = CommandExtension.class)
public final class PortsCommand extends ModeTableCommand {
    @Activate
    public PortsCommand(@Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policyOption = ReferencePolicyOption.GREEDY) List<BridgeControl> modes) {
        super("ports", "ports [--json]: per-port counters of the bridge or router (rx, tx, drops, tx errors, queue overflows, "
                + "libpcap drops)", modes, BridgeControl::ports, BridgeControl::portsData);
    }
}
