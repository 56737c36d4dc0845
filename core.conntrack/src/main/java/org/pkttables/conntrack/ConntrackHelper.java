package org.pkttables.conntrack;

import org.osgi.annotation.versioning.ConsumerType;
import org.pkttables.api.PacketContext;

/**
 * A connection tracking helper (the kernel's nf_conntrack_helper): it reads the payload of the
 * connections it is attached to and announces the connections they will open, as {@link Expectation}s,
 * so that those arrive RELATED instead of NEW. Helpers are whiteboard services, one bundle each (ftp …),
 * attached to a connection by {@code -t raw … -j CT --helper NAME} when its first packet is tracked, as
 * the kernel does since automatic assignment was dropped. A helper that goes away detaches from its
 * connections; its expectations are removed.
 */
@ConsumerType
public interface ConntrackHelper {
    /** Service property with the helper's name, as {@code CT --helper} and {@code -m helper} spell it. */
    String NAME = "pkttables.helper";

    /** The name, e.g. {@code ftp} (at most 15 characters, like the kernel's). */
    String name();

    /** The layer-4 protocol it understands (6 for TCP, 17 for UDP). */
    int protocol();

    /** The well-known port (documentation and listings; assignment is by rule). */
    int port();

    /** At most this many live expectations per master connection; the oldest is replaced beyond it. */
    default int maxExpected() {
        return 1;
    }

    /** How long an expectation waits for its connection, in seconds. */
    default int expectTimeoutSeconds() {
        return 300;
    }

    /**
     * Called for every packet of a helped connection that carries payload, after the conntrack state is
     * known, in the worker that handles the connection (both directions of a flow meet in one worker).
     * Return {@link org.pkttables.api.Verdict#ACCEPT}, or {@link org.pkttables.api.Verdict#DROP} for a
     * payload the helper must refuse (the kernel's NF_DROP on a malformed command).
     *
     * @param p       the packet, read through its bounded accessors (absolute offsets)
     * @param payload absolute offset of the layer-4 payload in {@code p}
     * @param length  payload length in bytes (greater than 0)
     * @param conn    the connection and the way to create expectations
     */
    int help(PacketContext p, int payload, int length, HelperConnection conn);
}
