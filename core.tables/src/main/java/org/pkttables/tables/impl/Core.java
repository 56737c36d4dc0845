package org.pkttables.tables.impl;

import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Ruleset;
import org.pkttables.api.ext.ExtensionRegistry;

/** The core without OSGi: registry, ruleset and frontend wired together (the DS component wraps it). */
public final class Core {
    public void register(Object service) {
        throw new IllegalStateException("core not built yet");
    }

    public void unregister(Object service) {
        throw new IllegalStateException("core not built yet");
    }

    public Ruleset ruleset() {
        throw new IllegalStateException("core not built yet");
    }

    public CommandFrontend frontend() {
        throw new IllegalStateException("core not built yet");
    }

    public ExtensionRegistry registry() {
        throw new IllegalStateException("core not built yet");
    }
}
