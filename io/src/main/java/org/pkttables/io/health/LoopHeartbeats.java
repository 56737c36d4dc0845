package org.pkttables.io.health;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The heartbeats of the packet loops of the running modes (each worker, each capture thread), as an OSGi
 * service. A loop advances its count on every turn, at least every ~10 ms even when no frame arrives, so
 * a count that did not move between two looks a few hundred milliseconds apart means the loop is stuck
 * (an extension in an endless loop, a deadlock). Reading is cheap and never blocks a loop.
 */
@ProviderType
public interface LoopHeartbeats {
    /**
     * The count of every loop now, by the loop's name ({@code worker 0}, {@code capture eth1}); empty when
     * no mode runs. A loop restarted after it died keeps its name and its count.
     */
    Map<String, Long> now();
}
