package org.pkttables.ext.matches.impl;

import java.util.function.LongSupplier;

import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.MatchType;

/**
 * A match type whose matches read a clock (limit, hashlimit, recent, time): the component uses the
 * system clock its subclass names, a test gives its own.
 */
abstract class ClockedMatchType extends DescribedExtension implements MatchType {
    /** Read by the compiled matches; its unit is the subclass's (nanoseconds, or milliseconds for time). */
    final LongSupplier clock;

    ClockedMatchType(ExtensionDescriptor descriptor, LongSupplier clock) {
        super(descriptor);
        this.clock = clock;
    }
}
