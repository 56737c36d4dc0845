package org.pkttables.ext.targets.impl;

import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code CLASSIFY} target (libxt_CLASSIFY): sets the packet's priority (traffic-control class
 * {@code major:minor}, hex) in {@link org.pkttables.api.PacketContext#setPriority}. FORWARD, OUTPUT
 * and POSTROUTING only, as in the kernel.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=CLASSIFY")
public final class ClassifyTargetType extends DescribedExtension implements TargetType {
    /** {@code MAJOR:MINOR} as sscanf("%x:%x") reads it, each kept to 16 bits; listed {@code %04x:%04x}. */
    static final ParamType<Integer> CLASS = new ParamType<>("major:minor", 1) {
        @Override
        public Integer parse(List<String> words) {
            String w = words.get(0);
            int colon = w.indexOf(':');
            long major = colon < 0 ? -1 : hexPrefix(w.substring(0, colon), true);
            long minor = colon < 0 ? -1 : hexPrefix(w.substring(colon + 1), false);
            if (major < 0 || minor < 0) {
                throw new ParameterProblem("bad class \"" + w + "\" (want MAJOR:MINOR in hex)", "Bad class value \"" + w + "\"");
            }
            return (int) ((major & 0xffff) << 16 | (minor & 0xffff));
        }

        @Override
        public List<String> format(Integer v) {
            return List.of(String.format(Locale.ROOT, "%04x:%04x", v >>> 16, v & 0xffff));
        }

        /** {@code -L}: {@code %x:%x}, without the leading zeros. */
        @Override
        public List<String> listed(Integer v, org.pkttables.api.ext.ListContext ctx) {
            return List.of(String.format(Locale.ROOT, "%x:%x", v >>> 16, v & 0xffff));
        }
    };

    static final Param<Integer> SET_CLASS = Param.of("--set-class", CLASS).mandatory().listed("CLASSIFY set {v}")
            .help("MAJOR:MINOR (hex): the class to put the packet in");

    public ClassifyTargetType() {
        super(ExtensionDescriptor.target("CLASSIFY").ip()
                .hooks(Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING).listing("").params(SET_CLASS)
                .help("CLASSIFY: set the packet's traffic-control class (non-terminating)").build());
    }

    /** %x: optional 0x, hex digits; the whole word ({@code whole}) or a prefix of it (sscanf stops at junk). */
    static long hexPrefix(String s, boolean whole) {
        String t = s.strip();
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        int n = 0;
        long v = 0;
        while (n < t.length() && Character.digit(t.charAt(n), 16) >= 0 && n < 15) {
            v = v << 4 | Character.digit(t.charAt(n), 16);
            n++;
        }
        if (n == 0 || (whole && n != t.length())) {
            return -1;
        }
        return v;
    }

    @Override
    public Target compile(Args args) {
        if (!args.has(SET_CLASS)) {
            throw new IllegalArgumentException("option --set-class must be specified");
        }
        return new ClassifyTarget(args.get(SET_CLASS));
    }
}
