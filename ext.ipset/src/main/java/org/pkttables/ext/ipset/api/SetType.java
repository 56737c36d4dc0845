package org.pkttables.ext.ipset.api;

import java.util.List;
import java.util.function.LongSupplier;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A kind of set ({@code hash:ip}, {@code bitmap:port} …). The built-in types come with this bundle;
 * another bundle can register more as services with property {@link #NAME} set to {@link #name()}.
 */
@ConsumerType
public interface SetType {
    /** Service property with the type name. */
    String NAME = "pkttables.settype";

    String name();

    int revision();

    /**
     * Makes an empty set.
     *
     * @param options the create options after the type ({@code family inet6 hashsize 4096})
     * @param clock   milliseconds of a monotonic clock, for entry timeouts
     * @throws SetException naming the bad option
     */
    SetContents create(List<String> options, LongSupplier clock);
}
