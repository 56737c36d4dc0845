package org.pkttables.conntrack.impl.defrag;

import java.util.concurrent.atomic.LongAdder;

/**
 * The reassembly counters of one family, named as /proc/net/snmp names them (Ip: / Ip6:
 * ReasmReqds, ReasmOKs, ReasmFails, ReasmTimeout, and ReasmOverlaps of /proc/net/netstat).
 */
public final class DefragStats {
    /** Fragments received for reassembly. */
    public final LongAdder reqds = new LongAdder();
    /** Datagrams reassembled. */
    public final LongAdder oks = new LongAdder();
    /** Datagrams given up (overlap, inconsistent lengths, no memory, too many pieces, oversize, timeout). */
    public final LongAdder fails = new LongAdder();
    /** Datagrams that timed out (ipfrag_time) before all their fragments came. */
    public final LongAdder timeouts = new LongAdder();
    /** Datagrams dropped whole for overlapping fragments. */
    public final LongAdder overlaps = new LongAdder();
    /** Fragments refused because the store was at ipfrag_high_thresh. */
    public final LongAdder noMemory = new LongAdder();

    /** One line per counter, {@code prefix} (Ip or Ip6) first, as {@code nstat} prints them. */
    public String format(String prefix) {
        return prefix + "ReasmReqds " + reqds.sum() + "\n" + prefix + "ReasmOKs " + oks.sum() + "\n" + prefix
                + "ReasmFails " + fails.sum() + "\n" + prefix + "ReasmTimeout " + timeouts.sum() + "\n" + prefix
                + "ReasmOverlaps " + overlaps.sum() + "\n" + prefix + "ReasmNoMemory " + noMemory.sum() + "\n";
    }
}
