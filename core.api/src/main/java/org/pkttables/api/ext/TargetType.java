package org.pkttables.api.ext;

import org.osgi.annotation.versioning.ConsumerType;

/** A target extension, the mirror of {@link MatchType}. */
@ConsumerType
public interface TargetType {
    /** Service property with the extension name. */
    String NAME = "pkttables.target";

    ExtensionDescriptor descriptor();

    /** @throws IllegalArgumentException naming the value or combination that is wrong */
    Target compile(Args args);

    default Args canonicalize(Args args) {
        return args;
    }
}
