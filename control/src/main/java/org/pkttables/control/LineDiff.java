package org.pkttables.control;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line ({@code diff -u}'s format: {@code ---}/{@code +++} headers,
 * {@code @@ -a,b +c,d @@} hunks with {@value #CONTEXT} lines of context). The common head and tail are
 * cut off first; the rest is compared with Myers' algorithm, up to {@value #MAX_EDITS} edits (beyond that
 * the middle is shown as removed and added whole: still a correct diff, only a longer one).
 */
final class LineDiff {
    static final int CONTEXT = 3;
    static final int MAX_EDITS = 1000;

    private LineDiff() {
    }

    /** One line of the edit script: ' ' kept, '-' removed, '+' added. */
    private record Op(char kind, String line) {
    }

    /** The unified diff from {@code a} to {@code b}; empty when they are equal. */
    static String unified(String aName, String a, String bName, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        List<Op> ops = script(x, y);
        StringBuilder sb = new StringBuilder();
        int n = ops.size();
        int i = 0;
        // Positions (1-based) in a and b of op i.
        int[] ai = new int[n + 1];
        int[] bi = new int[n + 1];
        int pa = 1;
        int pb = 1;
        for (int k = 0; k < n; k++) {
            ai[k] = pa;
            bi[k] = pb;
            char c = ops.get(k).kind();
            if (c != '+') {
                pa++;
            }
            if (c != '-') {
                pb++;
            }
        }
        ai[n] = pa;
        bi[n] = pb;
        boolean header = false;
        while (i < n) {
            if (ops.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend the hunk while the next change is within 2*CONTEXT kept lines.
            while (true) {
                while (end < n && ops.get(end).kind() != ' ') {
                    end++;
                }
                int kept = 0;
                int j = end;
                while (j < n && ops.get(j).kind() == ' ' && kept <= 2 * CONTEXT) {
                    j++;
                    kept++;
                }
                if (j < n && ops.get(j).kind() != ' ' && kept <= 2 * CONTEXT) {
                    end = j;
                } else {
                    end = Math.min(n, end + CONTEXT);
                    break;
                }
            }
            if (!header) {
                sb.append("--- ").append(aName).append('\n').append("+++ ").append(bName).append('\n');
                header = true;
            }
            int aLen = 0;
            int bLen = 0;
            for (int k = start; k < end; k++) {
                char c = ops.get(k).kind();
                aLen += c != '+' ? 1 : 0;
                bLen += c != '-' ? 1 : 0;
            }
            sb.append("@@ -").append(range(ai[start], aLen)).append(" +").append(range(bi[start], bLen)).append(" @@\n");
            for (int k = start; k < end; k++) {
                sb.append(ops.get(k).kind()).append(ops.get(k).line()).append('\n');
            }
            i = end;
        }
        return sb.toString();
    }

    /** {@code diff -u}'s range: {@code start,len}; an empty range starts one line earlier. */
    private static String range(int start, int len) {
        if (len == 0) {
            return (start - 1) + ",0";
        }
        return len == 1 ? Integer.toString(start) : start + "," + len;
    }

    private static List<Op> script(List<String> x, List<String> y) {
        int head = 0;
        while (head < x.size() && head < y.size() && x.get(head).equals(y.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < x.size() - head && tail < y.size() - head
                && x.get(x.size() - 1 - tail).equals(y.get(y.size() - 1 - tail))) {
            tail++;
        }
        List<Op> ops = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            ops.add(new Op(' ', x.get(k)));
        }
        List<String> mx = x.subList(head, x.size() - tail);
        List<String> my = y.subList(head, y.size() - tail);
        List<Op> middle = myers(mx, my);
        if (middle == null) {
            mx.forEach(l -> ops.add(new Op('-', l)));
            my.forEach(l -> ops.add(new Op('+', l)));
        } else {
            ops.addAll(middle);
        }
        for (int k = x.size() - tail; k < x.size(); k++) {
            ops.add(new Op(' ', x.get(k)));
        }
        return ops;
    }

    /** Myers' O((N+M)D) shortest edit script, or null beyond {@value #MAX_EDITS} edits. */
    private static List<Op> myers(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = Math.min(n + m, MAX_EDITS);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max; d++) {
            trace.add(v.clone());
            for (int k = -d; k <= d; k += 2) {
                int xk;
                if (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) {
                    xk = v[offset + k + 1];
                } else {
                    xk = v[offset + k - 1] + 1;
                }
                int yk = xk - k;
                while (xk < n && yk < m && a.get(xk).equals(b.get(yk))) {
                    xk++;
                    yk++;
                }
                v[offset + k] = xk;
                if (xk >= n && yk >= m) {
                    found = d;
                    break;
                }
            }
            if (found >= 0) {
                break;
            }
        }
        if (found < 0) {
            return null;
        }
        // Walk back through the saved V arrays.
        List<Op> rev = new ArrayList<>();
        int xk = n;
        int yk = m;
        for (int d = found; d > 0; d--) {
            int[] pv = trace.get(d);
            int k = xk - yk;
            int prevK = (k == -d || (k != d && pv[offset + k - 1] < pv[offset + k + 1])) ? k + 1 : k - 1;
            int prevX = pv[offset + prevK];
            int prevY = prevX - prevK;
            while (xk > prevX && yk > prevY) {
                rev.add(new Op(' ', a.get(xk - 1)));
                xk--;
                yk--;
            }
            if (xk == prevX) {
                rev.add(new Op('+', b.get(yk - 1)));
                yk--;
            } else {
                rev.add(new Op('-', a.get(xk - 1)));
                xk--;
            }
        }
        while (xk > 0 && yk > 0) {
            rev.add(new Op(' ', a.get(xk - 1)));
            xk--;
            yk--;
        }
        List<Op> out = new ArrayList<>(rev.size());
        for (int i = rev.size() - 1; i >= 0; i--) {
            out.add(rev.get(i));
        }
        return out;
    }
}
