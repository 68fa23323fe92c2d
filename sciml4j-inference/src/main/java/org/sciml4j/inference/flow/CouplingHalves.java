package org.sciml4j.inference.flow;

import org.sciml4j.tensor.Tensor;

/**
 * The two halves of a coupling step's features: every other feature kept (passed through and fed to the conditioner),
 * the others transformed; stacked coupling steps alternate which half is kept, so that every feature is transformed.
 * One split for every coupling layer ({@link AffineCoupling}, {@link SplineCoupling}).
 */
final class CouplingHalves {
    /** The kept features' columns, in increasing order (I). */
    final int[] kept;
    /** The transformed features' columns, in increasing order (T). */
    final int[] transformed;
    /** Column j of x is column unsplit[j] of [x_I, x_T]: the inverse of the split. */
    private final int[] unsplit;

    /**
     * @param features D >= 2
     * @param even     keep the even features (true) or the odd ones (false)
     */
    CouplingHalves(int features, boolean even) {
        int keptCount = even ? (features + 1) / 2 : features / 2;
        kept = new int[keptCount];
        transformed = new int[features - keptCount];
        unsplit = new int[features];
        int k = 0;
        int t = 0;
        for (int i = 0; i < features; i++) {
            if ((i % 2 == 0) == even) {
                unsplit[i] = k;
                kept[k++] = i;
            } else {
                unsplit[i] = keptCount + t;
                transformed[t++] = i;
            }
        }
    }

    /** The kept columns of x (N, D): (N, |I|). */
    Tensor kept(Tensor x) {
        return x.indexSelect(1, kept);
    }

    /** The transformed columns of x (N, D): (N, |T|). */
    Tensor transformed(Tensor x) {
        return x.indexSelect(1, transformed);
    }

    /** The features (N, D) whose kept columns are {@code keptPart} (N, |I|), the others {@code transformedPart}. */
    Tensor join(Tensor keptPart, Tensor transformedPart) {
        return Tensor.concat(1, keptPart, transformedPart).indexSelect(1, unsplit);
    }
}
