package org.pkttables.l3.arp.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.FrameFuzzer;

/**
 * Issue 11, acceptance 2: the ARP parser and arptables' base match on mutated frames (seed corpus in
 * {@code src/test/resources/fuzz/arp-frames.txt}): no exception escapes, nothing is read outside the frame
 * (see {@link FrameFuzzer#check}). Fixed seed and budget; {@code -Dpkttables.fuzz.iterations=N} runs longer.
 */
class ArpParserFuzzTest {
    private final ArpHandler h = new ArpHandler();

    private Match base(String line) {
        return h.compileBase(h.canonicalize(ExtArgs.parse(h.baseDescriptor(), Family.ARP, -1, line)));
    }

    @Test
    void parserAndBaseMatchSurviveMutatedFramesAndReadNothingOutsideThem() {
        List<Match> matches = new ArrayList<>();
        for (String line : new String[] { "-s 10.0.0.1", "! -d 10.0.0.0/24", "--opcode Request", "--src-mac 02:aa:00:00:00:01",
            "--dst-mac 02:aa:00:00:00:00/ff:ff:ff:00:00:00", "--h-type 1", "! --proto-type ipv4", "-i eth+ --opcode 2" }) {
            Match m = base(line);
            if (m != null) { // null: the options match everything (--h-type 1 is dropped as arptables-nft does)
                matches.add(m);
            }
        }
        assertTrue(matches.size() >= 6, matches.size() + " base matches");
        FrameFuzzer fuzz = new FrameFuzzer(11, FrameFuzzer.corpus(getClass().getResourceAsStream("/fuzz/arp-frames.txt")));
        int n = FrameFuzzer.iterations(5000);
        int parsed = fuzz.parseAndMatch(n, p -> {
            p.setL2(p.start());
            p.setInIface("eth0");
            return h.parse(p, p.start() + 14);
        }, PacketContext::length, matches);
        assertTrue(parsed > n / 4, parsed + " of " + n + " parsed");
    }
}
