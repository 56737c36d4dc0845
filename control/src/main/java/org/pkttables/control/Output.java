package org.pkttables.control;

import java.io.IOException;

import org.pkttables.api.CallerFiles;

/**
 * The caller of a command: where it writes while it runs (a socket connection, or the batch process's
 * stdout/stderr) and whose files it opens.
 */
interface Output {
    void out(String text) throws IOException;

    void err(String text) throws IOException;

    /** Proves the reader is still there; throws once it has gone (a long {@code monitor} stops then). */
    void keepAlive() throws IOException;

    /** The files of the caller: a {@code ctl} client's through the socket, this process's for scripts. */
    CallerFiles files();

    /**
     * Who runs {@code argv}: the peer of the socket (its uid as the kernel tells it), the appliance's own
     * user for scripts.
     */
    default Caller caller(java.util.List<String> argv) {
        return Caller.self(Caller.line(argv));
    }
}
