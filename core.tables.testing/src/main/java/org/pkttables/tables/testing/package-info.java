/**
 * Test support for extension authors and the project's own tests: a complete pkt_tables core without
 * an OSGi framework ({@link Harness}), fed with extension and handler instances directly.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package org.pkttables.tables.testing;
