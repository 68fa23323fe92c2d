package org.sciml4j.pinn.weighting;

/**
 * The loss-shaping remedies of a PINN run, each optional (null: off): term-level balancing, point weights on the
 * equations' residuals, causal weights over time slabs, and residual-based refinement of the collocation points.
 * They combine: e.g. grad_norm between the terms and causal weights inside the equation term.
 *
 * @param terms      term-level balancing (grad_norm, ntk), or null
 * @param points     point weights (self_adaptive, rba), or null
 * @param causal     causal weights, or null
 * @param refinement RAR, or null
 */
public record Weighting(TermBalancing terms, PointWeighting points, CausalWeighting causal, Refinement refinement) {
    private static final Weighting NONE = new Weighting(null, null, null, null);

    /** No remedy: the plain weighted sum of mean squares. */
    public static Weighting none() {
        return NONE;
    }

    /** Whether no remedy is on. */
    public boolean isEmpty() {
        return terms == null && points == null && causal == null && refinement == null;
    }

    /** This with term-level balancing {@code t}. */
    public Weighting withTerms(TermBalancing t) {
        return new Weighting(t, points, causal, refinement);
    }

    /** This with point weights {@code p}. */
    public Weighting withPoints(PointWeighting p) {
        return new Weighting(terms, p, causal, refinement);
    }

    /** This with causal weights {@code c}. */
    public Weighting withCausal(CausalWeighting c) {
        return new Weighting(terms, points, c, refinement);
    }

    /** This with refinement {@code r}. */
    public Weighting withRefinement(Refinement r) {
        return new Weighting(terms, points, causal, r);
    }
}
