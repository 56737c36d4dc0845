package org.pkttables.ext.ipset.impl;

import java.util.List;
import java.util.function.LongSupplier;

import org.pkttables.api.Family;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetException;

/**
 * What an element of a {@code hash:*} set is: its dimensions ({@link Dim}), where each one's fields sit
 * ({@code offsets}), how they pack into a key ({@link KeyLayout}), and the element text: parsing (a range
 * or a net standing for several elements), the canonical form, the set's header. The prefix index
 * ({@link HashPrefixes}) and the contents ({@link HashContents}) build on it; a superclass rather than a
 * field, so the packet path reads the dimensions without an extra dereference.
 */
abstract class HashElements implements SetContents {
    final HashSetType type;
    final CreateOptions opts;
    final LongSupplier clock;
    final Dim[] dims;
    final int[] offsets;
    final KeyLayout layout;
    final int fields;
    /** Dimension indexes of the net dimensions (at most two) and of the interface dimension, -1 if none. */
    final int net0;
    final int net1;
    final int iface;
    final boolean nomatchType;

    HashElements(HashSetType type, CreateOptions opts, LongSupplier clock) {
        this.type = type;
        this.opts = opts;
        this.clock = clock;
        this.dims = type.dims(opts).toArray(new Dim[0]);
        this.offsets = new int[dims.length];
        int f = 0;
        int n0 = -1;
        int n1 = -1;
        int ifc = -1;
        for (int i = 0; i < dims.length; i++) {
            offsets[i] = f;
            f += dims[i].fields();
            if (dims[i] instanceof NetDim) {
                if (n0 < 0) {
                    n0 = i;
                } else {
                    n1 = i;
                }
            } else if (dims[i] instanceof IfaceDim) {
                ifc = i;
            }
        }
        this.fields = f;
        this.net0 = n0;
        this.net1 = n1;
        this.iface = ifc;
        this.nomatchType = n0 >= 0;
        this.layout = new KeyLayout(List.of(dims));
    }

    @Override
    public String type() {
        return type.name();
    }

    @Override
    public int revision() {
        return type.revision();
    }

    @Override
    public Family family() {
        return type.familyless() ? null : opts.family;
    }

    @Override
    public int dimension() {
        return dims.length;
    }

    @Override
    public boolean supportsNomatch() {
        return nomatchType;
    }

    @Override
    public String header() {
        StringBuilder sb = new StringBuilder();
        if (!type.familyless()) {
            sb.append("family ").append(CreateOptions.familyName(opts.family)).append(' ');
        }
        if (type.hasMark()) {
            sb.append("markmask ").append(String.format("0x%08x", opts.markmask)).append(' ');
        }
        sb.append("hashsize ").append(opts.hashsize).append(" maxelem ").append(opts.maxelem);
        if (opts.netmask >= 0) {
            sb.append(" netmask ").append(opts.netmask);
        }
        opts.appendExtensions(sb);
        if (opts.forceadd) {
            sb.append(" forceadd");
        }
        sb.append(" bucketsize ").append(opts.bucketsize).append(" initval 0x")
                .append(String.format("%08x", opts.initval));
        return sb.toString();
    }

    CreateOptions options() {
        return opts;
    }

    @Override
    public String canonical(String element) {
        if (opts.netmask >= 0) {
            return element; // ipset prints the address it was given, not the block it stands for
        }
        Values[] vs = parse(element);
        long[] f = new long[fields];
        for (int i = 0; i < vs.length; i++) {
            if (vs[i].count() != 1) {
                return element;
            }
            vs[i].get(0, f, offsets[i]);
        }
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < dims.length; d++) {
            if (d > 0) {
                sb.append(',');
            }
            dims[d].format(f, offsets[d], sb);
        }
        return sb.toString();
    }

    boolean hasExplicitPrefix(String element) {
        if (net0 < 0) {
            return false;
        }
        String[] parts = element.split(",", -1);
        return parts[net0].indexOf('/') >= 0 || net1 >= 0 && parts.length > net1 && parts[net1].indexOf('/') >= 0;
    }

    // ---- parsing ----

    Values[] parse(String element) {
        String[] parts = dims.length == 1 ? new String[] {element} : element.split(",", -1);
        if (parts.length != dims.length) {
            if (parts.length < dims.length) {
                throw new SetException("Syntax error: Second element is missing from " + element + ".");
            }
            throw new SetException("Syntax error: Elem separator in " + element + ", but settype " + type.name()
                    + " supports none.");
        }
        Values[] vs = new Values[dims.length];
        for (int i = 0; i < dims.length; i++) {
            vs[i] = dims[i].parse(parts[i]);
        }
        return vs;
    }

    /** Runs {@code each} for every element the values stand for, with its fields in {@code f}. */
    void forEach(Values[] vs, long[] f, Runnable each) {
        long total = 1;
        for (Values v : vs) {
            total = Math.multiplyExact(total, v.count());
        }
        for (long n = 0; n < total; n++) {
            long rest = n;
            for (int i = vs.length - 1; i >= 0; i--) {
                long c = vs[i].count();
                vs[i].get(rest % c, f, offsets[i]);
                rest /= c;
            }
            each.run();
        }
    }
}
