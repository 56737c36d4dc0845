package org.pkttables.l3.arp.impl;


import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * arptables' CLASSIFY target: {@code --set-class MAJOR:MINOR} (hexadecimal, each cut to 16 bits) sets the
 * packet's priority; listed as {@code %x:%x}. Only where the kernel allows it for ARP: OUTPUT.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=CLASSIFY")
public final class ArpClassifyTargetType implements TargetType {
    static final Param<Integer> SET_CLASS = Param.of("--set-class", classType()).mandatory()
            .help("MAJOR:MINOR (hex): the traffic-control class");

    private static final ExtensionDescriptor D = ExtensionDescriptor.target("CLASSIFY").families(Family.ARP)
            .hooks(Hook.OUTPUT).params(SET_CLASS).help("CLASSIFY: set the ARP packet's class (non-terminating)")
            .build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    private static ParamType<Integer> classType() {
        return ParamTypes.word("major:minor", w -> {
            int colon = w.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("Bad class value \"" + w + "\"");
            }
            String bad = "Bad class value \"" + w + "\"";
            long major = ArpHex.parse(w.substring(0, colon), 0xffff, bad);
            long minor = ArpHex.parse(w.substring(colon + 1), 0xffff, bad);
            return (int) (major << 16 | minor);
        }, v -> Integer.toHexString(v >>> 16) + ":" + Integer.toHexString(v & 0xffff));
    }

    @Override
    public Target compile(Args a) {
        int priority = a.get(SET_CLASS);
        return p -> {
            p.setPriority(priority);
            return Verdict.CONTINUE;
        };
    }
}
