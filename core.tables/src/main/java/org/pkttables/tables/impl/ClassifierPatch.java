package org.pkttables.tables.impl;

import static org.pkttables.tables.impl.ChainClassifier.countBelow;
import static org.pkttables.tables.impl.ClassifierShapes.FIELDS;
import static org.pkttables.tables.impl.ClassifierShapes.describe;

import java.util.Arrays;

/**
 * The patch of an edited {@link ChainClassifier} while its edits are applied: sorted base indexes of
 * deleted rules, sorted current positions of inserted rules with their boxes (lo, hi per field). Primitive arrays: a patch may hold thousands
 * of edits while a background rebuild runs, and each edit costs a pass over it.
 */
final class ClassifierPatch {
    int[] del;
    int nd;
    int[] ins;
    int ni;
    long[] box;

    ClassifierPatch(int[] del, int[] ins, long[] box, int removes, int adds) {
        int d = del == null ? 0 : del.length;
        int n = ins == null ? 0 : ins.length;
        this.del = new int[d + removes];
        this.ins = new int[n + adds];
        this.box = new long[(n + adds) * 2 * FIELDS];
        if (del != null) {
            System.arraycopy(del, 0, this.del, 0, d);
            System.arraycopy(ins, 0, this.ins, 0, n);
            System.arraycopy(box, 0, this.box, 0, n * 2 * FIELDS);
        }
        nd = d;
        ni = n;
    }

    /** The rule at current position k leaves; later inserted rules move up by one. */
    void remove(int k) {
        int at = countBelow(ins, ni, k);
        if (at < ni && ins[at] == k) {
            System.arraycopy(ins, at + 1, ins, at, ni - at - 1);
            System.arraycopy(box, (at + 1) * 2 * FIELDS, box, at * 2 * FIELDS, (ni - at - 1) * 2 * FIELDS);
            ni--;
        } else {
            // The (k - at)-th surviving base rule: step over the deleted ones at or before it.
            int b = k - at;
            int j = 0;
            while (j < nd && del[j] <= b) {
                b++;
                j++;
            }
            System.arraycopy(del, j, del, j + 1, nd - j);
            del[j] = b;
            nd++;
        }
        for (int j = countBelow(ins, ni, k + 1); j < ni; j++) {
            ins[j]--;
        }
    }

    /** Rule r enters at current position k; inserted rules at or after k move down by one. */
    void insert(int k, RuleEntry r) {
        int at = countBelow(ins, ni, k);
        for (int j = at; j < ni; j++) {
            ins[j]++;
        }
        System.arraycopy(ins, at, ins, at + 1, ni - at);
        System.arraycopy(box, at * 2 * FIELDS, box, (at + 1) * 2 * FIELDS, (ni - at) * 2 * FIELDS);
        ins[at] = k;
        int o = at * 2 * FIELDS;
        long[] lo = new long[FIELDS];
        long[] hi = new long[FIELDS];
        if (describe(r.matches, lo, hi) < 0) {
            // Can never match; a candidate for every packet is merely slower, and stays exact.
            Arrays.fill(box, o, o + FIELDS, 0L);
            Arrays.fill(box, o + FIELDS, o + 2 * FIELDS, Long.MAX_VALUE);
        } else {
            System.arraycopy(lo, 0, box, o, FIELDS);
            System.arraycopy(hi, 0, box, o + FIELDS, FIELDS);
        }
        ni++;
    }
}
