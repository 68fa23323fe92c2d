package org.sciml4j.tensor;

/** The record of one primitive application: which primitive, on which inputs. The output tensor holds its node. */
final class Node {
    final Primitive op;
    final Tensor[] inputs;

    Node(Primitive op, Tensor[] inputs) {
        this.op = op;
        // a copy: public varargs entry points (concat, CustomPrimitive.apply) get arrays their callers may reuse
        this.inputs = inputs.clone();
    }
}
