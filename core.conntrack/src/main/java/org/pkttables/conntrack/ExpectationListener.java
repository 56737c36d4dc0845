package org.pkttables.conntrack;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives expectation events (whiteboard service, like {@link ConntrackListener}): NEW when a helper
 * announces a connection, unless the master's {@code CT --expevents} mask leaves NEW out. Called on the
 * packet worker that ran the helper: return quickly.
 */
@ConsumerType
public interface ExpectationListener {
    void onEvent(ExpectationEvent event);
}
