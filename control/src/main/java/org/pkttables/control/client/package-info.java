/**
 * Talking to a running appliance over its UNIX domain socket: the wire format, a client, the
 * {@code bin/pkttables ctl} main class, the restore-file convention shared by every front end, and the
 * strict UTF-8 policy for every input file ({@link org.pkttables.control.client.StrictUtf8Lines}).
 * Plain Java: usable without an OSGi framework.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.0.0")
package org.pkttables.control.client;
