package org.pkttables.io.mode;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.CommandExtension;

/** {@code workers}: per-worker counters of the bridge (frames, verdicts, checksum fixes, segmentation, overflows). */
@Component(name = "org.pkttables.io.wire.WorkersCommand", service = CommandExtension.class)
public final class WorkersCommand extends ModeTableCommand {
    @Activate
    public WorkersCommand(@Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policyOption = ReferencePolicyOption.GREEDY) List<BridgeControl> modes) {
        super("workers", "workers [--json]: per-worker counters of the bridge or router (rx, forwarded, drops, checksums "
                + "completed, segmented, queue overflows; the router's ARP/ND, ICMP and neighbour counters)", modes,
                BridgeControl::workers, BridgeControl::workersData);
    }
}
