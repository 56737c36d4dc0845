package org.pkttables.api;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@link CommandExtension} whose output can be a live stream ({@code conntrack -E}): where the caller
 * can pass output on as it comes (the control socket and {@code batch} through the appliance's command
 * router, the Gogo console), it calls {@link #stream} instead of {@link #run} when {@link #streams} says
 * so; the command writes until it is done, the reader leaves (a write or keep-alive throws) or the thread
 * is interrupted. The frontend ({@code CommandFrontend.run}) and the test Harness keep using {@link #run}.
 */
@ConsumerType
public interface StreamingCommand extends CommandExtension {
    /** Whether these arguments ask for an open-ended stream. */
    boolean streams(List<String> args);

    /**
     * Streams until done; returns the exit status.
     *
     * @throws IOException once the reader has gone (the command stops then)
     * @throws InterruptedException when the caller interrupts it (Ctrl-C at the console)
     */
    int stream(List<String> args, Sink sink) throws IOException, InterruptedException;

    /** Where a stream goes: each call reaches the reader at once. */
    @ProviderType
    interface Sink {
        void out(String text) throws IOException;

        void err(String text) throws IOException;

        /** Proves the reader is still there while nothing is due; throws once it has gone. */
        void keepAlive() throws IOException;
    }
}
