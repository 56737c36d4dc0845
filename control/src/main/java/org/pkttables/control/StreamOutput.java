package org.pkttables.control;

import java.io.PrintStream;

import org.pkttables.api.CallerFiles;

/** {@link Output} onto the process's own streams (batch mode, the config script at start). */
final class StreamOutput implements Output {
    private final PrintStream out;
    private final PrintStream err;

    StreamOutput(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void out(String text) {
        out.print(text);
        out.flush();
    }

    @Override
    public void err(String text) {
        err.print(text);
        err.flush();
    }

    /** A script runs as the appliance's own operator: its files are this process's. */
    @Override
    public CallerFiles files() {
        return CallerFiles.local();
    }

    @Override
    public void keepAlive() {
        // A terminal or pipe has no way to say it is gone before the next write fails; nothing to probe.
    }
}
