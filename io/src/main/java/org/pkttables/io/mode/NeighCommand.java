package org.pkttables.io.mode;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.NamedCommand;

/** {@code neigh}: the router's neighbour table (ARP and IPv6 neighbour discovery), like {@code ip neigh}. */
@Component(name = "org.pkttables.io.wire.NeighCommand", service = CommandExtension.class)
public final class NeighCommand extends NamedCommand {
    private final RouterControl router;

    @Activate
    public NeighCommand(@Reference RouterControl router) {
        super("neigh", "neigh [--json]: the router's neighbour table (address, port, MAC, state, seconds since confirmed)");
        this.router = router;
    }

    @Override
    public Result run(List<String> args, String stdin) {
        if (args.equals(List.of("--json"))) {
            List<java.util.Map<String, Object>> data = router.neighboursData();
            java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("neighbours", data == null ? List.of() : data);
            if (data == null) {
                doc.put("idle", router.status());
            }
            return ModeTableCommand.json(doc);
        }
        if (!args.isEmpty()) {
            return new Result(2, "", "neigh: takes no arguments but --json\n");
        }
        return new Result(0, router.neighbours(), "");
    }
}
