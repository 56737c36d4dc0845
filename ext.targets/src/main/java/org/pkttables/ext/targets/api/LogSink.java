package org.pkttables.ext.targets.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where the LOG target's lines go. Register one as an OSGi service to replace the default (a
 * {@link System.Logger} named {@code org.pkttables.log}). Called on packet workers: must be thread-safe
 * and should not block for long.
 */
@ConsumerType
public interface LogSink {
    /**
     * @param level syslog level of the rule, 0 (emerg) to 7 (debug)
     * @param line  the line as the kernel's nf_log writes it: {@code PREFIX IN=eth0 OUT= MAC=... SRC=...}
     */
    void log(int level, String line);
}
