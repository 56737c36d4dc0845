/**
 * What other bundles need from the targets: the reject codes REJECT leaves in
 * {@link org.pkttables.api.PacketContext#rejectWith()} for the io layer, the {@link LogSink} LOG writes to,
 * the {@link LogRing} its lines go through (an OSGi service: the drops, a live follower), and the
 * {@link NflogListener}s NFLOG delivers to.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.pkttables.ext.targets.api;
