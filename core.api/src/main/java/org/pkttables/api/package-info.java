/**
 * The pkt_tables API: families, hooks, verdicts, the per-packet context, the ruleset service with its
 * transactions and change events, and the hook pipeline. Independent of any L3 protocol.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.6.0")
package org.pkttables.api;
