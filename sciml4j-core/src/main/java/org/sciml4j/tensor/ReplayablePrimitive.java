package org.sciml4j.tensor;

/**
 * A primitive whose every application has a replay rule ({@link #recompute}): its values depend on its inputs' values
 * and its own fixed parameters only (the shape primitives, the reductions, the matrix product).
 */
abstract class ReplayablePrimitive extends Primitive {
    @Override
    final boolean replays() {
        return true;
    }

    @Override
    abstract void recompute(Tensor out, Tensor[] in);
}
