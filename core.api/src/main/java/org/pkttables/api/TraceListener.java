package org.pkttables.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard service told of every step of packets selected with the TRACE target. */
@ConsumerType
public interface TraceListener {
    void traced(TraceEvent event);
}
