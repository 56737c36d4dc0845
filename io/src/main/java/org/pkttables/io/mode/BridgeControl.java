package org.pkttables.io.mode;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ObjLongConsumer;

/** What the {@code ports} and {@code workers} commands ask the bridge and router components. */
public interface BridgeControl {
    /** The per-port table, or why there is no bridge. */
    String ports();

    /** The per-worker table, or why there is no bridge. */
    String workers();

    boolean running();

    /** {@code {"mode": "bridge", "ports": [...]}} of the running mode, or null when it does not run. */
    default Map<String, Object> portsData() {
        return null;
    }

    /** {@code {"mode": "bridge", "workers": [...]}} of the running mode, or null when it does not run. */
    default Map<String, Object> workersData() {
        return null;
    }

    /** One running mode's rows: {@code {"mode": MODE, KEY: rows}}. */
    static Map<String, Object> modeData(String mode, String key, Object rows) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("mode", mode);
        m.put(key, rows);
        return m;
    }

    /**
     * The data of the running modes ({@code ports --json}, {@code workers --json}):
     * {@code {"modes": [...]}}, and {@code "idle"}: why nothing runs, when nothing does.
     */
    static Map<String, Object> data(List<BridgeControl> modes, Function<BridgeControl, Map<String, Object>> data,
            Function<BridgeControl, String> idle) {
        List<Map<String, Object>> running = new java.util.ArrayList<>();
        StringBuilder why = new StringBuilder();
        for (BridgeControl m : modes) {
            Map<String, Object> d = data.apply(m);
            if (d != null) {
                running.add(d);
            } else {
                why.append(idle.apply(m));
            }
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("modes", running);
        if (running.isEmpty()) {
            out.put("idle", why.toString().strip());
        }
        return out;
    }

    /**
     * The heartbeat of every loop of the running mode, by name
     * ({@link org.pkttables.io.workers.ModeRuntime#heartbeats}); none when idle (the default: no loops).
     */
    default void heartbeats(ObjLongConsumer<String> out) {
    }

    /** The tables of the running modes (bridge, router), or why none runs. */
    static String show(List<BridgeControl> modes, Function<BridgeControl, String> table) {
        StringBuilder running = new StringBuilder();
        StringBuilder idle = new StringBuilder();
        for (BridgeControl m : modes) {
            (m.running() ? running : idle).append(table.apply(m));
        }
        return running.length() > 0 ? running.toString() : idle.toString();
    }
}
