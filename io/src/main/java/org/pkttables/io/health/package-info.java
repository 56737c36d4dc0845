/**
 * The liveness of the packet path for a supervisor beside it (systemd's watchdog): the heartbeat of
 * every loop of the running mode (bridge or router), so that two looks tell which loops made progress.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.pkttables.io.health;
