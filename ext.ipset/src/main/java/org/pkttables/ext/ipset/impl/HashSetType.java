package org.pkttables.ext.ipset.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import org.pkttables.api.Family;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetType;

/** A {@code hash:*} type, named by its dimensions: {@code hash:ip,port,net} is ip, port, net. */
final class HashSetType implements SetType {
    private static final Set<String> OPTIONS = Set.of("family", "hashsize", "maxelem", "timeout", "counters",
            "comment", "skbinfo", "forceadd", "bucketsize", "initval");
    private static final Set<String> WITH_MARKMASK = Set.of("family", "hashsize", "maxelem", "timeout", "counters",
            "comment", "skbinfo", "forceadd", "bucketsize", "initval", "markmask");
    private static final Set<String> WITH_NETMASK = Set.of("family", "hashsize", "maxelem", "timeout", "counters",
            "comment", "skbinfo", "forceadd", "bucketsize", "initval", "netmask");

    private final String name;
    private final int revision;
    private final List<String> parts;

    /** @param name {@code hash:} followed by the dimensions ({@code ip}, {@code net}, {@code port}, {@code mac}, {@code iface}) */
    HashSetType(String name, int revision) {
        this.name = name;
        this.revision = revision;
        this.parts = List.of(name.substring("hash:".length()).split(","));
    }

    /** The built-in hash types, with the revisions ipset 7.17 on a 6.x kernel reports. */
    static List<HashSetType> builtIn() {
        return List.of(new HashSetType("hash:ip", 6), new HashSetType("hash:net", 7),
                new HashSetType("hash:ip,port", 7), new HashSetType("hash:net,port", 8),
                new HashSetType("hash:mac", 1), new HashSetType("hash:ip,port,ip", 6),
                new HashSetType("hash:ip,port,net", 8), new HashSetType("hash:net,net", 3),
                new HashSetType("hash:net,iface", 8), new HashSetType("hash:ip,mark", 3));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int revision() {
        return revision;
    }

    /** hash:ip,mark lists its markmask after the family. */
    boolean hasMark() {
        return parts.contains("mark");
    }

    /** hash:mac holds no addresses: it has no family. */
    boolean familyless() {
        return name.equals("hash:mac");
    }

    @Override
    public SetContents create(List<String> options, LongSupplier clock) {
        CreateOptions o = CreateOptions.parse(options,
                name.equals("hash:ip") ? WITH_NETMASK : name.equals("hash:ip,mark") ? WITH_MARKMASK : OPTIONS);
        return new HashContents(this, o, clock);
    }

    List<Dim> dims(CreateOptions o) {
        List<Dim> dims = new ArrayList<>();
        Family f = o.family;
        for (String p : parts) {
            switch (p) {
                case "ip": dims.add(new IpDim(f, o.netmask)); break;
                case "net": dims.add(new NetDim(f)); break;
                case "port": dims.add(new PortDim(f)); break;
                case "mac": dims.add(new MacDim()); break;
                case "iface": dims.add(new IfaceDim()); break;
                case "mark": dims.add(new MarkDim(o.markmask)); break;
                default: throw new IllegalStateException("unknown dimension " + p + " in " + name);
            }
        }
        return dims;
    }
}
