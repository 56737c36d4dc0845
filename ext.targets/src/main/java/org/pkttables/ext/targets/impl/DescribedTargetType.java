package org.pkttables.ext.targets.impl;

import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.TargetType;

/**
 * The common part of this bundle's target types: the descriptor, built once when the component is
 * made, is what {@link #descriptor()} returns. Subclasses name it in their constructor and add
 * canonicalisation and compilation.
 */
abstract class DescribedTargetType implements TargetType {
    private final ExtensionDescriptor descriptor;

    DescribedTargetType(ExtensionDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public final ExtensionDescriptor descriptor() {
        return descriptor;
    }
}
