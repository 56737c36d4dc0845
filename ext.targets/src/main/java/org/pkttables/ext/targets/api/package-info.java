/**
 * What other bundles need from the targets: the reject codes REJECT leaves in
 * {@link org.pkttables.api.PacketContext#rejectWith()} for the io layer, and the {@link LogSink} LOG writes to.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pkttables.ext.targets.api;
