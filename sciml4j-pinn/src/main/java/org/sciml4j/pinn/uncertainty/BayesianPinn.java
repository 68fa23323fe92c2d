package org.sciml4j.pinn.uncertainty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.sciml4j.domain.expr.Expression;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.Variable;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.PinnObjective;
import org.sciml4j.pinn.Problem;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * The posterior of a Bayesian PINN (B-PINN, Yang, Meng and Karniadakis 2021): the network's weights and the
 * problem's unknowns with Gaussian priors, a Gaussian likelihood of the observed data and Gaussian pseudo-likelihoods
 * of the equations' residuals at the collocation points and of the other conditions (see {@link Likelihood}). Its
 * negative log density, up to a constant, is
 * <pre>
 *   U(theta) = sum over terms t of  n_t * L_t / (2 sd_t^2)   +  |w|^2 / (2 prior_sd^2)  +  |raw - raw_0|^2 / (2 unknown_sd^2)
 * </pre>
 * where L_t is the PINN's loss term (the mean square residual over its n_t points, summed over its requirements).
 * <p>
 * It is an {@link Objective} whose terms are those summands (the PINN's terms, then "prior"), all of weight 1, so the
 * {@link org.sciml4j.train.Trainer} finds the posterior's mode (a start for sampling), and a {@link LogDensity} over
 * the flat vector of {@link #parameters()} (network, then unknowns' raw values) for {@link Hmc}. The points are fixed
 * (no mini-batches, no redraws): the density must not change between leapfrog steps. Updates the network and the
 * unknowns in place.
 */
public final class BayesianPinn implements Objective, LogDensity {
    private final PinnObjective pinn;
    private final Problem problem;
    private final Module network;
    private final double[] scales;
    private final List<Tensor> weights;
    private final List<Tensor> unknowns = new ArrayList<>();
    private final double[] unknownStart;
    private final Likelihood likelihood;
    private final List<Tensor> parameters;
    private final int dimension;
    /** Randomised MAP only: the prior's centre per network parameter and per unknown (else 0 and the initial guess). */
    private final List<Tensor> anchors = new ArrayList<>();
    /** Randomised MAP only: per perturbed data requirement, its points, field column, noise draws and 1 / sd^2. */
    private final List<Perturbed> perturbed = new ArrayList<>();

    /** The noise added to one data requirement of a plain field: {@code -(eps . u(points)) / sd^2} in U. */
    private record Perturbed(Tensor points, int field, Tensor noise, double inverseVariance) {
    }

    /**
     * @param problem    the problem (its unknowns become random variables)
     * @param network    inputs: the problem's variables; outputs: its fields
     * @param seed       seeds the collocation and condition points, as for a PINN run
     * @param likelihood the standard deviations
     */
    public BayesianPinn(Problem problem, Module network, long seed, Likelihood likelihood) {
        this(problem, network, seed, likelihood, null);
    }

    /**
     * The randomised posterior of randomised-MAP sampling ("anchored ensembles", Pearce et al. 2020; randomise then
     * optimise, Bardsley et al. 2014): the priors centred on a draw from themselves and every observed value moved
     * by a draw of its noise, N(0, data_sd^2). For a linear-Gaussian model the mode of each such draw is an exact
     * posterior sample; an ensemble of modes approximates the posterior. Data must observe plain fields.
     *
     * @param random seeds the draws
     * @throws IllegalArgumentException if a data requirement is not a field's value
     */
    public static BayesianPinn randomised(Problem problem, Module network, long seed, Likelihood likelihood,
            long random) {
        return new BayesianPinn(problem, network, seed, likelihood, new SplittableRandom(random));
    }

    private BayesianPinn(Problem problem, Module network, long seed, Likelihood likelihood,
            SplittableRandom random) {
        this.pinn = new PinnObjective(problem, network, seed, 0, 0, null);
        this.problem = problem;
        this.network = network;
        this.likelihood = likelihood;
        List<Double> s = new ArrayList<>();
        int collocation = problem.equations().isEmpty() ? 0 : problem.collocationPoints(seed).size(0);
        for (int i = 0; i < problem.equations().size(); i++) {
            s.add(collocation / (2 * likelihood.physicsSd() * likelihood.physicsSd()));
        }
        for (Condition c : problem.conditions()) {
            Condition.Resolved r = c.resolve(problem, seed);
            int n = r.paired() > 0 ? r.paired() : r.points().size(0);
            boolean data = r.observed().stream().anyMatch(o -> o != null);
            double sd = data ? likelihood.dataSd() : likelihood.conditionSd();
            s.add(n / (2 * sd * sd));
        }
        scales = s.stream().mapToDouble(Double::doubleValue).toArray();
        weights = network.parameters().trainable();
        for (Variable v : problem.unknowns()) {
            unknowns.addAll(v.parameters().trainable());
        }
        unknownStart = unknowns.stream().flatMapToDouble(t -> Arrays.stream(t.toArray())).toArray();
        parameters = pinn.parameters();
        dimension = parameters.stream().mapToInt(Tensor::numel).sum();
        if (random != null) {
            randomise(problem, seed, random);
        }
    }

    /** Draws the priors' centres and the data's noise (in that order, so a seed fixes both). */
    private void randomise(Problem problem, long seed, SplittableRandom random) {
        for (Tensor w : weights) {
            anchors.add(draw(random, w.numel(), likelihood.priorSd(), w.shape()));
        }
        int k = 0;
        for (Tensor raw : unknowns) {
            Tensor a = draw(random, raw.numel(), likelihood.unknownSd(), raw.shape());
            double[] d = a.data();
            for (int i = 0; i < d.length; i++) {
                d[i] += unknownStart[k + i];
            }
            anchors.add(a);
            k += raw.numel();
        }
        for (Condition c : problem.conditions()) {
            Condition.Resolved r = c.resolve(problem, seed);
            for (int i = 0; i < r.sides().size(); i++) {
                if (r.observed().get(i) == null) {
                    continue;
                }
                int field = plainField(problem, r, i);
                int n = r.points().size(0);
                double sd = likelihood.dataSd();
                perturbed.add(new Perturbed(r.points(), field, draw(random, n, sd, n), 1 / (sd * sd)));
            }
        }
    }

    private static int plainField(Problem problem, Condition.Resolved r, int i) {
        var lhs = r.sides().get(i)[0].expression().root();
        var rhs = r.sides().get(i)[1].expression().root();
        if (lhs instanceof Expression.Name name && problem.fields().contains(name.name())
                && rhs instanceof Expression.Num zero && zero.value() == 0) {
            return problem.fields().indexOf(name.name());
        }
        throw new IllegalArgumentException("condition '" + r.name() + "': randomised MAP perturbs observed values of"
                + " plain fields, but requirement " + (i + 1) + " observes " + r.sides().get(i)[0]);
    }

    private static Tensor draw(SplittableRandom random, int n, double sd, int... shape) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = sd * random.nextGaussian();
        }
        return Tensor.of(d, shape);
    }

    /** Each term's factor n_t / (2 sd_t^2), in the PINN's term order. */
    public double[] scales() {
        return scales.clone();
    }

    @Override
    public List<String> termNames() {
        List<String> names = new ArrayList<>(pinn.termNames());
        names.add("prior");
        if (!perturbed.isEmpty()) {
            names.add("perturbation");
        }
        return names;
    }

    /** The network's trainable parameters, then each unknown's raw value (the PINN's order). */
    @Override
    public List<Tensor> parameters() {
        return parameters;
    }

    @Override
    public List<String> loggedNames() {
        return pinn.loggedNames();
    }

    @Override
    public double[] loggedValues() {
        return pinn.loggedValues();
    }

    /** The summands of U: each PINN term times its scale, then the priors' sum. */
    @Override
    public List<Tensor> loss() {
        List<Tensor> terms = pinn.loss();
        List<Tensor> out = new ArrayList<>(terms.size() + 1);
        for (int t = 0; t < terms.size(); t++) {
            out.add(terms.get(t).mul(scales[t]));
        }
        out.add(prior());
        if (!perturbed.isEmpty()) {
            out.add(perturbation());
        }
        return out;
    }

    /**
     * The cross term of sum (r - eps)^2 / (2 sd^2) over the perturbed data, r = u - u_obs: -sum eps * u / sd^2 plus a
     * constant (the PINN's data term holds sum r^2 / (2 sd^2)). Can be negative; only its gradient matters.
     */
    private Tensor perturbation() {
        Tensor sum = Tensor.scalar(0);
        for (Perturbed p : perturbed) {
            Tensor u = pinnOutput(p.points()).slice(1, p.field(), p.field() + 1);
            sum = sum.sub(u.mul(p.noise().reshape(p.noise().numel(), 1)).sum().mul(p.inverseVariance()));
        }
        return sum;
    }

    private Tensor pinnOutput(Tensor points) {
        return problem.output(network, points);
    }

    private Tensor prior() {
        Tensor sum = Tensor.scalar(0);
        double w = 1 / (2 * likelihood.priorSd() * likelihood.priorSd());
        int a = 0;
        for (Tensor p : weights) {
            Tensor centred = anchors.isEmpty() ? p : p.sub(anchors.get(a++));
            sum = sum.add(centred.square().sum().mul(w));
        }
        double u = 1 / (2 * likelihood.unknownSd() * likelihood.unknownSd());
        int k = 0;
        for (Tensor raw : unknowns) {
            Tensor start = anchors.isEmpty() ? Tensor.of(Arrays.copyOfRange(unknownStart, k, k + raw.numel()),
                    raw.shape()) : anchors.get(a++);
            sum = sum.add(raw.sub(start).square().sum().mul(u));
            k += raw.numel();
        }
        return sum;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** -U at {@code x} (the parameters are set to it) and its gradient. */
    @Override
    public double logDensity(double[] x, double[] gradient) {
        set(x);
        List<Tensor> terms = loss();
        Tensor total = terms.get(0);
        for (int t = 1; t < terms.size(); t++) {
            total = total.add(terms.get(t));
        }
        double u = total.item();
        if (!Double.isFinite(u)) {
            return Double.NaN;
        }
        List<Tensor> g = Autodiff.grad(total.sum(), parameters, null, false);
        int k = 0;
        for (Tensor gi : g) {
            double[] d = gi.data();
            for (double v : d) {
                gradient[k++] = -v;
            }
        }
        return -u;
    }

    /** The parameters as one vector (network, then unknowns), length {@link #dimension()}. */
    public double[] get() {
        double[] x = new double[dimension];
        int k = 0;
        for (Tensor p : parameters) {
            double[] d = p.data();
            System.arraycopy(d, 0, x, k, d.length);
            k += d.length;
        }
        return x;
    }

    /** Sets the network's parameters and the unknowns from one vector (see {@link #get()}). */
    public void set(double[] x) {
        if (x.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " values, got " + x.length);
        }
        int k = 0;
        for (Tensor p : parameters) {
            double[] d = p.data();
            System.arraycopy(x, k, d, 0, d.length);
            k += d.length;
        }
    }
}
