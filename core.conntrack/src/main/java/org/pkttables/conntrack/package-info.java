/**
 * Connection tracking API: the entry view ({@link org.pkttables.conntrack.ConntrackEntry}), the table
 * service ({@link org.pkttables.conntrack.ConntrackService}), event listeners, and the per-packet view
 * ({@link org.pkttables.conntrack.PacketConntrack}) that core.conntrack stores in
 * {@code PacketContext.setConntrack} for matches and targets of other bundles; the helper SPI
 * ({@link org.pkttables.conntrack.ConntrackHelper}) and its {@link org.pkttables.conntrack.Expectation}s; the NAT
 * extension's view of a connection ({@link org.pkttables.conntrack.NatEntry}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package org.pkttables.conntrack;
