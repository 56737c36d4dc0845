/**
 * The xtables command lines over the engine's exported API: {@code iptables}, {@code ip6tables},
 * {@code arptables}, {@code ebtables} with {@code -save} and {@code -restore}, {@code ext}, {@code explain}
 * and {@code trace}, all generated from the extension descriptors. {@link IptablesFrontend} is the one
 * public entry (the OSGi component and the test kit's Harness both build it); the rest is package-private.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pkttables.cli.xtables;
