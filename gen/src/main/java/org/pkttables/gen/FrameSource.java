package org.pkttables.gen;

/**
 * Frames one at a time in a reused buffer: {@link #next()} writes the next frame, the accessors describe
 * it until the following call. Nothing is allocated per frame.
 */
public interface FrameSource {
    /** Writes the next frame; false when there are no more. */
    boolean next();

    /** The buffer holding the current frame from offset 0 (an Ethernet frame). */
    byte[] buffer();

    int length();

    /** {@link Profile#UP} (client to server) or {@link Profile#DOWN}. */
    int direction();

    /** Number of the flow the frame belongs to (0-based, in the order flows were opened). */
    long flow();

    /** When the frame is due, in nanoseconds since the epoch (virtual time, from the rates). */
    long timestampNanos();
}
