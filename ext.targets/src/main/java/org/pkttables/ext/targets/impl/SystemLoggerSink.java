package org.pkttables.ext.targets.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.pkttables.ext.targets.api.LogSink;

/** The default {@link LogSink}: the JDK's System.Logger {@code org.pkttables.log}, syslog levels mapped down. */
final class SystemLoggerSink implements LogSink {
    private final Logger logger = System.getLogger("org.pkttables.log");

    @Override
    public void log(int level, String line) {
        logger.log(level(level), line);
    }

    static Level level(int syslog) {
        if (syslog <= 3) {
            return Level.ERROR;
        }
        if (syslog == 4) {
            return Level.WARNING;
        }
        return syslog <= 6 ? Level.INFO : Level.DEBUG;
    }
}
