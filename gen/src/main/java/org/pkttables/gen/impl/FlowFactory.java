package org.pkttables.gen.impl;

import java.util.SplittableRandom;

import org.pkttables.gen.GenOptions;
import org.pkttables.gen.Profile;

/**
 * Gives flow number i its addresses, ports and initial sequence numbers. Flows are opened in index
 * order and draw from one seeded generator, so the same options give the same flows however their
 * frames are later interleaved (in memory, in a file or live).
 */
public final class FlowFactory {
    private final Profile profile;
    private final Addresses clients;
    private final Addresses servers;
    private final boolean clientsSeq;
    private final boolean sportSeq;
    private final int sportStart;
    private final long seed;
    private final SplittableRandom rnd;
    private final TupleSet used;
    private final byte[] clientMac;
    private final byte[] serverMac;

    public FlowFactory(Profile profile, GenOptions o) {
        this.profile = o.dport() > 0 ? profile.withDport(o.dport()) : profile;
        this.clients = new Addresses(o.clients());
        this.servers = new Addresses(o.servers());
        if (clients.v6() != servers.v6()) {
            throw new IllegalArgumentException("clients " + o.clients() + " and servers " + o.servers()
                    + " are not of the same family");
        }
        this.clientsSeq = o.clientsSequential();
        this.sportSeq = o.sportSequential();
        this.sportStart = o.sportStart();
        this.seed = o.seed();
        this.rnd = new SplittableRandom(o.seed());
        if (profile.sport() > 0) {
            // a fixed client port: the addresses alone must tell the flows apart
            double pairs = (double) clients.size() * servers.size();
            if (pairs < o.count()) {
                throw new IllegalArgumentException(o.count() + " flows need distinct addresses, but " + o.clients()
                        + " x " + o.servers() + " with the fixed sport " + profile.sport() + " gives only "
                        + (long) pairs);
            }
        }
        this.used = new TupleSet(Math.min(o.count(), 1 << 24));
        this.clientMac = o.clientMac();
        this.serverMac = o.serverMac();
    }

    public Profile profile() {
        return profile;
    }

    public boolean v6() {
        return clients.v6();
    }

    /** Sets slot {@code f} up as flow number {@code index} (call in index order). */
    public void open(Flow f, long index) {
        f.index = index;
        f.v6 = clients.v6();
        f.dport = profile.dport();
        for (int attempt = 0;; attempt++) {
            if (clientsSeq) {
                clients.nth(index + attempt, f.client);
            } else {
                clients.random(rnd, f.client);
            }
            servers.random(rnd, f.server);
            if (profile.sport() > 0) {
                f.sport = profile.sport();
            } else if (sportSeq) {
                f.sport = sportStart + (int) Math.floorMod(index + attempt, 65536 - sportStart);
            } else {
                f.sport = 1024 + rnd.nextInt(65536 - 1024);
            }
            long key = Addresses.tupleKey(f.client, 0, f.server, 0, f.v6, f.sport, f.dport);
            if (used.add(key) || attempt > 1000) {
                break;
            }
        }
        // ISNs from the seed and the index alone: independent of how many draws the addresses took.
        long h = TupleSet.mix(seed * 0x9E3779B97F4A7C15L + index);
        f.clientIsn = h & 0xffffffffL;
        f.serverIsn = h >>> 32;
        long h2 = TupleSet.mix(h);
        f.clientIpId = (int) (h2 & 0xffff);
        f.serverIpId = (int) ((h2 >>> 16) & 0xffff);
        f.start(profile, clientMac, serverMac);
    }
}
