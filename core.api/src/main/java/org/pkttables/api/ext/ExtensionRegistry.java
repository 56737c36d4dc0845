package org.pkttables.api.ext;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.pkttables.api.Family;

/**
 * The query interface: which matches, targets and base options exist right now, for which families,
 * with which parameters. The shell's help and completion, save/restore and any GUI are generated from
 * this, never hand-copied.
 */
@ProviderType
public interface ExtensionRegistry {
    /** Every registered descriptor (matches, targets, base options of each family). */
    List<ExtensionDescriptor> descriptors();

    /** The descriptor of {@code name} of this kind usable in {@code family}, or null. */
    ExtensionDescriptor find(Family family, ExtensionDescriptor.Kind kind, String name);
}
