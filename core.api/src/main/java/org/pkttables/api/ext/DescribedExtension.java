package org.pkttables.api.ext;

import java.util.Objects;

/**
 * The common part of match and target types: the descriptor, built once when the type is made, is what
 * {@code descriptor()} returns. A type extends this and implements {@link MatchType} or
 * {@link TargetType}, adding canonicalisation and compilation.
 *
 * @since 1.4.0
 */
public abstract class DescribedExtension {
    private final ExtensionDescriptor descriptor;

    protected DescribedExtension(ExtensionDescriptor descriptor) {
        this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    }

    public final ExtensionDescriptor descriptor() {
        return descriptor;
    }
}
