package org.sciml4j.nn;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

/**
 * Modules side by side: each applied to the same input, their outputs concatenated along the last axis. A PINN with
 * a field u and an unknown coefficient field k(x) can take each from its own network,
 * {@code Concat.of(uNet, kNet)}, rather than both from one network's two outputs.
 * <p>
 * Input {@code (N, in)}, the same {@code in} for every part; output {@code (N, out_0 + out_1 + ...)}. The parameters of
 * part i are named {@code "i." + name} ({@code "0.layers.0.weight"}, {@code "1.layers.0.weight"}) and shared with it.
 */
public final class Concat implements Module {
    private final List<Module> parts;
    private final Parameters parameters = new Parameters();
    private final int outputSize;

    private Concat(List<Module> parts) {
        this.parts = parts;
        int out = 0;
        for (int i = 0; i < parts.size(); i++) {
            parameters.register(Integer.toString(i), parts.get(i).parameters());
            out += parts.get(i).outputSize();
        }
        outputSize = out;
    }

    /**
     * The modules side by side.
     *
     * @throws IllegalArgumentException if there is no module, or their input sizes differ (naming them)
     */
    public static Concat of(Module... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("Concat: no module given");
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].inputSize() != parts[0].inputSize()) {
                throw new IllegalArgumentException("Concat: module " + i + " takes " + parts[i].inputSize()
                        + " inputs but module 0 takes " + parts[0].inputSize());
            }
        }
        return new Concat(List.of(parts));
    }

    /** The parts, in output order. */
    public List<Module> parts() {
        return parts;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] shape = x.shape();
        if (shape.length == 0 || shape[shape.length - 1] != inputSize()) {
            throw new ShapeException("Concat: input of shape " + Arrays.toString(shape) + " must end in "
                    + inputSize());
        }
        if (parts.size() == 1) {
            return parts.get(0).forward(x);
        }
        Tensor[] outs = new Tensor[parts.size()];
        for (int i = 0; i < outs.length; i++) {
            outs[i] = parts.get(i).forward(x);
        }
        return Tensor.concat(shape.length - 1, outs);
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public int inputSize() {
        return parts.get(0).inputSize();
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    /**
     * When every part has a fused jet: their jets side by side ({@link TaylorJet#sideBySide}), each block
     * {@code (N, out_0 + out_1 + ...)}; else empty.
     */
    @Override
    public Optional<TaylorJet> taylorJet() {
        List<TaylorJet> jets = new ArrayList<>();
        for (Module part : parts) {
            Optional<TaylorJet> jet = part.taylorJet();
            if (jet.isEmpty()) {
                return Optional.empty();
            }
            jets.add(jet.get());
        }
        return Optional.of(TaylorJet.sideBySide(jets));
    }
}
