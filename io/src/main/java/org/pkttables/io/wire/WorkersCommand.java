package org.pkttables.io.wire;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;

/** {@code workers}: per-worker counters of the bridge (frames, verdicts, checksum fixes, segmentation, overflows). */
@Component(service = CommandExtension.class)
public final class WorkersCommand implements CommandExtension {
    private final BridgeControl bridge;

    @Activate
    public WorkersCommand(@Reference BridgeControl bridge) {
        this.bridge = bridge;
    }

    @Override
    public String name() {
        return "workers";
    }

    @Override
    public String help() {
        return "workers: per-worker counters of the bridge (rx, forwarded, drops, checksums completed, segmented, queue overflows)";
    }

    @Override
    public Result run(List<String> args, String stdin) {
        if (!args.isEmpty()) {
            return new Result(2, "", "workers: takes no arguments\n");
        }
        return new Result(0, bridge.workers(), "");
    }
}
