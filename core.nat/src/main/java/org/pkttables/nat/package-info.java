/**
 * The NAT engine as a library for the bundles that translate one address family each (core.nat: IPv4;
 * core.nat66: IPv6): the binding of a new connection ({@link org.pkttables.nat.NatCore}), the ranges and
 * option types of the NAT targets ({@link org.pkttables.nat.NatRange}, {@link org.pkttables.nat.NatRangeType}),
 * the target types and hook functions of one family ({@link org.pkttables.nat.NatServices}) and what a family
 * plugs into them ({@link org.pkttables.nat.NatFamily}: its targets' per-packet part and its rewrite).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.pkttables.nat;
