package org.pkttables.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Registered (once) by the appliance after it has loaded its saved or configured ruleset at start.
 * Bundles that move real traffic require it, so that no packet is forwarded before the rules that
 * should judge it are in place: the appliance fails closed while it boots.
 */
@ProviderType
public interface RulesetLoaded {
    /** The ruleset generation when loading finished. */
    long generation();
}
