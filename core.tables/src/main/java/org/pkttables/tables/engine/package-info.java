/**
 * The engine as the layers above it use it: {@link Engine} creates a complete core (registry, ruleset,
 * hook pipeline) without an OSGi framework, for the test kit and embedders; {@link RulesetTools} is what
 * the xtables command-line tools ({@code cli.xtables}) need from the engine beyond {@link
 * org.pkttables.api.Ruleset} and {@link org.pkttables.api.ext.ExtensionRegistry}. The engine itself
 * ({@code org.pkttables.tables.impl}) stays private to the bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pkttables.tables.engine;
