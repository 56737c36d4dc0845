package org.pkttables.control;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.pkttables.control.client.Wire;

/**
 * What the control socket grants its clients, so that none can make the appliance allocate or hold
 * threads without bound. Read from framework/system properties ({@code pkttables.control.*}); an
 * absent property keeps the default.
 *
 * @param maxConnections  connections served at once (each holds one thread); more are answered
 *                        {@link Wire#EXIT_BUSY} at once ({@code maxConnections}, default 64)
 * @param maxRequest      bytes of one request, words and standard input ({@code maxRequest}, 64 MiB)
 * @param requestBudget   bytes of requests being received or run at once, all connections together
 *                        ({@code requestBudget}, 256 MiB); beyond it a request is answered busy
 * @param readTimeout     how long the server waits for the client's next bytes while the client owes
 *                        them: its request, a file it was asked for ({@code readTimeoutSeconds}, 15)
 * @param requestDeadline how long a whole request may take to arrive ({@code requestDeadlineSeconds}, 60)
 * @param writeTimeout    how long an answer may wait for a client that does not read it
 *                        ({@code writeTimeoutSeconds}, 300); a command waiting for its own events
 *                        ({@code monitor}, {@code conntrack -E}) has no limit: the client is not at fault
 */
record ControlLimits(int maxConnections, long maxRequest, long requestBudget, Duration readTimeout,
        Duration requestDeadline, Duration writeTimeout) {
    static final String PREFIX = "pkttables.control.";

    static final ControlLimits DEFAULT = new ControlLimits(64, Wire.MAX_REQUEST, 256L << 20, Duration.ofSeconds(15),
            Duration.ofSeconds(60), Duration.ofSeconds(300));

    ControlLimits {
        if (maxConnections < 1 || maxRequest < 1 || requestBudget < maxRequest) {
            throw new IllegalArgumentException("control limits: need maxConnections >= 1, maxRequest >= 1 and "
                    + "requestBudget >= maxRequest, not " + maxConnections + ", " + maxRequest + ", " + requestBudget);
        }
    }

    /**
     * The limits set as properties, the defaults for the others.
     *
     * @throws IllegalArgumentException naming a property that is not a number
     */
    static ControlLimits from(UnaryOperator<String> property) {
        ControlLimits d = DEFAULT;
        return new ControlLimits((int) number(property, "maxConnections", d.maxConnections),
                number(property, "maxRequest", d.maxRequest), number(property, "requestBudget", d.requestBudget),
                Duration.ofSeconds(number(property, "readTimeoutSeconds", d.readTimeout.toSeconds())),
                Duration.ofSeconds(number(property, "requestDeadlineSeconds", d.requestDeadline.toSeconds())),
                Duration.ofSeconds(number(property, "writeTimeoutSeconds", d.writeTimeout.toSeconds())));
    }

    private static long number(UnaryOperator<String> property, String name, long def) {
        String v = property.apply(PREFIX + name);
        if (v == null || v.isBlank()) {
            return def;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + name + " must be a whole number, not '" + v + "'", e);
        }
    }
}
