/**
 * The appliance's own addresses and routing table, as a service: router mode forwards with it,
 * {@code rpfilter} asks it the reverse-path question, NAT will pick source addresses from it. The
 * addresses are the appliance's (from its configuration), never the host kernel's.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.pkttables.route;
