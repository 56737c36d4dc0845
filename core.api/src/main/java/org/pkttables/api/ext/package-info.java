/**
 * The extension SPI: match and target types described by one {@link ExtensionDescriptor} each, typed
 * parameters, and the L3 handlers that families register. Parsing, validation, listing, save, help
 * and JSON are all generated from the descriptors.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.7.0")
package org.pkttables.api.ext;
