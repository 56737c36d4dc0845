package org.pkttables.conntrack;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives entry events (whiteboard service). Called on the thread that caused the change, possibly a
 * packet worker: return quickly and hand heavy work to another thread. Snapshot objects are built only
 * when at least one listener is registered.
 */
@ConsumerType
public interface ConntrackListener {
    void onEvent(ConntrackEvent event);
}
