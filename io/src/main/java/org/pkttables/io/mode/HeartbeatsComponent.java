package org.pkttables.io.mode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.io.health.LoopHeartbeats;

/** The {@link LoopHeartbeats} of the bridge and router modes, whichever runs. */
@Component(service = LoopHeartbeats.class)
public final class HeartbeatsComponent implements LoopHeartbeats {
    private final List<BridgeControl> modes;

    @Activate
    public HeartbeatsComponent(@Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policyOption = ReferencePolicyOption.GREEDY) List<BridgeControl> modes) {
        this.modes = modes;
    }

    @Override
    public Map<String, Long> now() {
        Map<String, Long> beats = new LinkedHashMap<>();
        for (BridgeControl m : modes) {
            m.heartbeats((name, count) -> beats.put(m instanceof ModeControl c ? c.mode() + " " + name : name, count));
        }
        return beats;
    }
}
