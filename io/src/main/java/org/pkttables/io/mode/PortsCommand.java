package org.pkttables.io.mode;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;

/** {@code ports}: per-port counters of the bridge or router (rx, tx, drops, queue overflows, libpcap drops). */
@Component(name = "org.pkttables.io.wire.PortsCommand", service = CommandExtension.class)
public final class PortsCommand implements CommandExtension {
    /** The bridge and the router: the one running is shown (both say why they are idle when neither runs). */
    private final List<BridgeControl> modes;

    @Activate
    public PortsCommand(@Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policyOption = ReferencePolicyOption.GREEDY) List<BridgeControl> modes) {
        this.modes = List.copyOf(modes);
    }

    @Override
    public String name() {
        return "ports";
    }

    @Override
    public String help() {
        return "ports: per-port counters of the bridge or router (rx, tx, drops, tx errors, queue overflows, "
                + "libpcap drops)";
    }

    @Override
    public Result run(List<String> args, String stdin) {
        if (!args.isEmpty()) {
            return new Result(2, "", "ports: takes no arguments\n");
        }
        return new Result(0, BridgeControl.show(modes, BridgeControl::ports), "");
    }
}
