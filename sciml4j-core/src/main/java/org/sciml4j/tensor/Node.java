package org.sciml4j.tensor;

/** The record of one primitive application: which primitive, on which inputs. The output tensor holds its node. */
final class Node {
    final Primitive op;
    final Tensor[] inputs;

    Node(Primitive op, Tensor[] inputs) {
        this.op = op;
        // kept as given: the engine's own calls pass fresh varargs arrays; the public entry points that take a
        // caller's array (Tensor.concat, CustomPrimitive.apply, FusedOp.apply) copy it before recording
        this.inputs = inputs;
    }
}
