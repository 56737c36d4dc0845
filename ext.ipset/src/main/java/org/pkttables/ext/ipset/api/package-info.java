/**
 * IP sets: the {@link org.pkttables.ext.ipset.api.SetService} that tools (the {@code ipset} command, a
 * fail2ban-like blocker) use to create and fill sets, and the set-type SPI ({@link
 * org.pkttables.ext.ipset.api.SetType}, {@link org.pkttables.ext.ipset.api.SetContents}) that set types
 * implement.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.pkttables.ext.ipset.api;
