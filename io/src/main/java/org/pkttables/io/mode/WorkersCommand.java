package org.pkttables.io.mode;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;

/** {@code workers}: per-worker counters of the bridge (frames, verdicts, checksum fixes, segmentation, overflows). */
@Component(name = "org.pkttables.io.wire.WorkersCommand", service = CommandExtension.class)
public final class WorkersCommand implements CommandExtension {
    /** The bridge and the router: the one running is shown (both say why they are idle when neither runs). */
    private final List<BridgeControl> modes;

    @Activate
    public WorkersCommand(@Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policyOption = ReferencePolicyOption.GREEDY) List<BridgeControl> modes) {
        this.modes = List.copyOf(modes);
    }

    @Override
    public String name() {
        return "workers";
    }

    @Override
    public String help() {
        return "workers: per-worker counters of the bridge or router (rx, forwarded, drops, checksums completed, "
                + "segmented, queue overflows; the router's ARP/ND, ICMP and neighbour counters)";
    }

    @Override
    public Result run(List<String> args, String stdin) {
        if (!args.isEmpty()) {
            return new Result(2, "", "workers: takes no arguments\n");
        }
        return new Result(0, BridgeControl.show(modes, BridgeControl::workers), "");
    }
}
