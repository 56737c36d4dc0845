package org.pkttables.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Whiteboard service told of every committed change, in order, after the commit. */
@ConsumerType
public interface RulesetListener {
    void changed(RulesetEvent event);
}
