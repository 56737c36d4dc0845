package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;

import org.pkttables.tables.testing.Harness;

/**
 * What the rule-level conntrack tests share: an engine of 1024 entries on a clock the test moves, and a
 * Harness with the test's handler and extensions plus conntrack's two hooks, registered under the
 * properties the component registers them with.
 */
abstract class TrackedHarnessTest {
    protected final AtomicLong now = new AtomicLong(1_000_000);
    protected final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    protected Harness h;

    /** Sets {@link #h}: {@code services}, then the conntrack and confirm hooks for {@code families}. */
    protected void track(String[] families, Object... services) {
        h = new Harness().with(services);
        h.with(new ConntrackHook(engine), ConntrackHook.properties(families));
        h.with(new ConfirmHook(engine), ConfirmHook.properties(families));
    }

    /** Runs a command that must succeed. */
    protected void ok(String cmd) {
        assertEquals(0, h.sh(cmd).exit(), () -> cmd + ": " + h.sh(cmd).err());
    }
}
