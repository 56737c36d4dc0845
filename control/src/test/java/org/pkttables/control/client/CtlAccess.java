package org.pkttables.control.client;

import java.io.PrintStream;
import java.util.List;

/** Lets tests in other packages call {@link Ctl#run} without System.exit. */
public final class CtlAccess {
    private CtlAccess() {
    }

    public static int run(List<String> argv, PrintStream out, PrintStream err) {
        return Ctl.run(argv, out, err);
    }
}
