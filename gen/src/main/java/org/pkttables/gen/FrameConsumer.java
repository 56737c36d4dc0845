package org.pkttables.gen;

/** Takes frames from a generator; the buffer is reused after the call returns. */
@FunctionalInterface
public interface FrameConsumer {
    /**
     * @param frame     an Ethernet frame in {@code frame[0..length)}
     * @param direction {@link Profile#UP} (client to server) or {@link Profile#DOWN}
     */
    void accept(byte[] frame, int length, int direction);
}
