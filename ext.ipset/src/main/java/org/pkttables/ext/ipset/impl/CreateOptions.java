package org.pkttables.ext.ipset.impl;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.pkttables.api.Family;
import org.pkttables.ext.ipset.api.SetException;

/**
 * The options of {@code ipset create NAME TYPE ...}, parsed once for every type; each type says which
 * it accepts. Immutable after parsing. Printed back by the types in the order ipset prints them.
 */
final class CreateOptions {
    static final long MAX_TIMEOUT = 2147483;

    Family family = Family.IPV4;
    int hashsize = 1024;
    long maxelem = 65536;
    /** Prefix length addresses are masked to, -1 when not given. */
    int netmask = -1;
    /** Default entry timeout in seconds, -1 when the set has no timeouts. */
    long timeout = -1;
    boolean counters;
    boolean comment;
    boolean skbinfo;
    boolean forceadd;
    int bucketsize = 12;
    long initval = ThreadLocalRandom.current().nextLong() & 0xffffffffL;
    /** hash:ip,mark: the bits of the mark that count. */
    long markmask = 0xffffffffL;
    /** bitmap range, the text as given (parsed by the bitmap type). */
    String range;
    int size = 8;

    static CreateOptions parse(List<String> words, Set<String> allowed) {
        CreateOptions o = new CreateOptions();
        boolean sawFamily = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String opt = w.startsWith("-") ? w.substring(1) : w;
            if (!allowed.contains(opt)) {
                throw new SetException("Unknown argument: `" + w + "'", true);
            }
            switch (opt) {
                case "family":
                    String f = Numbers.arg(words, i++, opt);
                    if (f.equals("inet") || f.equals("ipv4")) {
                        o.family = Family.IPV4;
                    } else if (f.equals("inet6") || f.equals("ipv6")) {
                        o.family = Family.IPV6;
                    } else {
                        throw new SetException("Syntax error: unknown inet family " + f);
                    }
                    sawFamily = true;
                    break;
                case "hashsize":
                    long hs = Numbers.parse(Numbers.arg(words, i++, opt), 0, 0xffffffffL);
                    if (hs > (1 << 26)) {
                        throw new SetException("Hash size " + hs + " is too large: at most " + (1 << 26));
                    }
                    o.hashsize = Math.max(64, HashTable.nextPow2(hs));
                    break;
                case "maxelem":
                    o.maxelem = Numbers.parse(Numbers.arg(words, i++, opt), 0, 0xffffffffL);
                    break;
                case "netmask":
                    o.netmask = (int) Numbers.parse(Numbers.arg(words, i++, opt), 1, 128);
                    break;
                case "timeout":
                    o.timeout = Numbers.parse(Numbers.arg(words, i++, opt), 0, MAX_TIMEOUT);
                    break;
                case "counters":
                    o.counters = true;
                    break;
                case "comment":
                    o.comment = true;
                    break;
                case "skbinfo":
                    o.skbinfo = true;
                    break;
                case "forceadd":
                    o.forceadd = true;
                    break;
                case "bucketsize":
                    long b = Numbers.parse(Numbers.arg(words, i++, opt), 2, 12);
                    o.bucketsize = (int) (b + (b & 1)); // the kernel rounds it up to an even number
                    break;
                case "initval":
                    o.initval = Numbers.parse(Numbers.arg(words, i++, opt), 0, 0xffffffffL);
                    break;
                case "markmask":
                    o.markmask = Numbers.parse(Numbers.arg(words, i++, opt), 0, 0xffffffffL);
                    if (o.markmask == 0) {
                        throw new SetException("The value of the markmask parameter is invalid");
                    }
                    break;
                case "range":
                    o.range = Numbers.arg(words, i++, opt);
                    break;
                case "size":
                    o.size = (int) Numbers.parse(Numbers.arg(words, i++, opt), 1, 0xffffff);
                    break;
                default:
                    throw new SetException("Unknown argument: `" + w + "'", true);
            }
        }
        if (o.netmask >= 0) {
            int max = o.family == Family.IPV6 ? 128 : 32;
            if (o.netmask > max) {
                throw new SetException("Syntax error: '" + o.netmask + "' is out of range 1-" + max);
            }
        }
        if (sawFamily && !allowed.contains("family")) {
            throw new SetException("Unknown argument: `family'");
        }
        return o;
    }

    /** The extension flags as the header lists them: {@code timeout N counters comment skbinfo}. */
    void appendExtensions(StringBuilder sb) {
        if (timeout >= 0) {
            sb.append(" timeout ").append(timeout);
        }
        if (counters) {
            sb.append(" counters");
        }
        if (comment) {
            sb.append(" comment");
        }
        if (skbinfo) {
            sb.append(" skbinfo");
        }
    }

    static String familyName(Family f) {
        return f == Family.IPV6 ? "inet6" : "inet";
    }
}
