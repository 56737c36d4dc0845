package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.MatchType;

/**
 * The common part of this bundle's match types: the descriptor, built once when the component is
 * made, is what {@link #descriptor()} returns. Subclasses name it in their constructor and add
 * canonicalisation and compilation.
 */
abstract class DescribedMatchType implements MatchType {
    private final ExtensionDescriptor descriptor;

    DescribedMatchType(ExtensionDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public final ExtensionDescriptor descriptor() {
        return descriptor;
    }
}
