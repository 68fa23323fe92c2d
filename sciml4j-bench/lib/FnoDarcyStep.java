import org.sciml4j.io.Npz;
import org.sciml4j.nn.Parameters;
import org.sciml4j.operators.NormalizedOperator;
import org.sciml4j.operators.fit.OperatorLoss;
import org.sciml4j.operators.fno.Fno;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training step of the Darcy example's model, for a parity check against PyTorch
 * ({@code sciml4j-bench/python/fno/fno2d_parity.py}): the FNO-2D of {@code examples/operators/fno-darcy.yaml} drawn from
 * seed 0, normalised with the statistics of the first 1000 pairs, its mean relative L2 loss on pairs 0-19 and the
 * gradient of every parameter, written to an {@code .npz} (the weights by name, {@code grad.<name>}, {@code loss}).
 * <p>
 * Usage: {@code java --add-modules jdk.incubator.vector -cp sciml4j-cli/target/sciml4j.jar
 * sciml4j-bench/lib/FnoDarcyStep.java DATA.npz OUT.npz}
 */
public final class FnoDarcyStep {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: FnoDarcyStep DATA.npz OUT.npz");
            System.exit(2);
        }
        Map<String, Tensor> d = Npz.read(Path.of(args[0]));
        Tensor in = d.get("inputs");
        Tensor out = d.get("outputs");
        Fno fno = new Fno(2, 12, 32, 4, 0.1, 1, new Rng(0));
        NormalizedOperator model = NormalizedOperator.fit(fno, in.slice(0, 0, 1000), out.slice(0, 0, 1000));
        Parameters p = fno.parameters();
        List<Tensor> leaves = p.all();
        Tensor loss = OperatorLoss.RELATIVE_L2.of(model.apply(in.slice(0, 0, 20)), out.slice(0, 0, 20));
        List<Tensor> g = Autodiff.grad(loss, leaves, null, false);
        Map<String, Tensor> w = new LinkedHashMap<>(p.snapshot());
        for (int i = 0; i < leaves.size(); i++) {
            w.put("grad." + p.names().get(i), g.get(i));
        }
        w.put("loss", Tensor.wrap(new double[] {loss.item()}, 1));
        Npz.write(Path.of(args[1]), w, false);
        System.out.println("loss " + loss.item());
    }
}
