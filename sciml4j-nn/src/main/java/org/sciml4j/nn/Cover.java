package org.sciml4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which points of a batch each subdomain of a {@link FiniteBasis} covers, found once per forward pass: per subdomain
 * the rows it holds, and per slot s (a point lies in at most {@code slots.size()} subdomains) the row of the point's
 * s-th subdomain in the concatenation of the subdomains' outputs (nonempty ones in order, then one zero row that
 * unused slots read).
 */
final class Cover {
    final List<int[]> rows;
    final List<int[]> slots;
    final boolean outside;

    private Cover(List<int[]> rows, List<int[]> slots, boolean outside) {
        this.rows = rows;
        this.slots = slots;
        this.outside = outside;
    }

    /** The cover of {@code n} points (row-major, d columns in {@code p}). */
    static Cover of(FiniteBasis fb, double[] p, int n) {
        int d = fb.inputSize();
        int[] windows = fb.windows();
        int total = fb.subdomains();
        int[][] member = new int[n][];
        int[] counts = new int[total];
        int maxSlots = 0;
        int[][] axis = new int[d][];
        for (int i = 0; i < n; i++) {
            int size = 1;
            for (int k = 0; k < d; k++) {
                axis[k] = fb.along(k, p[i * d + k]);
                size *= axis[k].length;
            }
            int[] js = new int[size];
            for (int m = 0; m < size; m++) { // the Cartesian product, row-major
                int rest = m;
                int j = 0;
                int stride = 1;
                for (int k = d - 1; k >= 0; k--) {
                    int pick = axis[k][rest % axis[k].length];
                    rest /= axis[k].length;
                    j += pick * stride;
                    stride *= windows[k];
                }
                js[m] = j;
                counts[j]++;
            }
            member[i] = js;
            maxSlots = Math.max(maxSlots, size);
        }
        List<int[]> rows = new ArrayList<>();
        int[] offset = new int[total];
        int[] filled = new int[total];
        int concatRows = 0;
        for (int j = 0; j < total; j++) {
            rows.add(new int[counts[j]]);
            offset[j] = concatRows;
            concatRows += counts[j];
        }
        List<int[]> slots = new ArrayList<>();
        for (int s = 0; s < maxSlots; s++) {
            int[] slot = new int[n];
            Arrays.fill(slot, concatRows); // the zero row
            slots.add(slot);
        }
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < member[i].length; s++) {
                int j = member[i][s];
                rows.get(j)[filled[j]] = i;
                slots.get(s)[i] = offset[j] + filled[j]++;
            }
        }
        return new Cover(rows, slots, fb.anyOutside(p));
    }
}
