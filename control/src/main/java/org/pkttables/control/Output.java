package org.pkttables.control;

import java.io.IOException;

/** Where a command writes while it runs: a socket connection, or the batch process's stdout/stderr. */
interface Output {
    void out(String text) throws IOException;

    void err(String text) throws IOException;

    /** Proves the reader is still there; throws once it has gone (a long {@code monitor} stops then). */
    void keepAlive() throws IOException;
}
