package org.sciml4j.operators.fit;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Activation;
import org.sciml4j.operators.OperatorModel;
import org.sciml4j.operators.deeponet.DeepOnet;
import org.sciml4j.operators.fno.Fno;
import org.sciml4j.operators.testdata.SyntheticOperators;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.LearningRateSchedule;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;
import org.sciml4j.train.Phase;
import org.sciml4j.train.Trainer;

import static org.assertj.core.api.Assertions.assertThat;

/** Each model family trained on tiny exact data through the Trainer: the test error falls below a real bound. */
class OperatorTrainingTest {

    private static void train(Objective o, double lr, int steps, int stepSize) {
        Trainer t = Trainer.builder().phase(new Phase.FirstOrder("adam", () -> Adam.builder().learningRate(lr)
                .schedule(LearningRateSchedule.step(stepSize, 0.5)).build(), steps)).build();
        t.train(o);
    }

    private static Evaluation fitAndTest(OperatorModel model, Tensor[] data, int nTrain, OperatorLoss loss, double lr,
                                         int steps, int batch) {
        int n = data[0].size(0);
        OperatorObjective o = new OperatorObjective(model, data[0].slice(0, 0, nTrain), data[1].slice(0, 0, nTrain),
                loss, batch, 1);
        train(o, lr, steps, steps / 3);
        return Evaluation.of(model, data[0].slice(0, nTrain, n), data[1].slice(0, nTrain, n), 50);
    }

    @Test
    void fno1dLearnsTheAntiderivativeAndEvaluatesAtFourTimesTheResolution() {
        Tensor[] coarse = SyntheticOperators.antiderivative(120, 32, 1);
        Fno fno = new Fno(1, 8, 16, 2, 0.25, 1, new Rng(2));
        Evaluation e = fitAndTest(fno, coarse, 100, OperatorLoss.RELATIVE_L2, 3e-3, 300, 10);
        assertThat(e.meanRelative()).isLessThan(0.06);                  // measured 0.029
        Tensor[] fine = SyntheticOperators.antiderivative(20, 128, 99);
        Evaluation at4s = Evaluation.of(fno, fine[0], fine[1], 20);
        assertThat(at4s.meanRelative()).isLessThan(0.08);               // measured 0.039
    }

    @Test
    void fno2dLearnsASmoothingOperator() {
        Tensor[] data = SyntheticOperators.smoothing2d(60, 12, 3);
        Fno fno = new Fno(2, 4, 6, 2, 0, 1, new Rng(4));
        Evaluation e = fitAndTest(fno, data, 50, OperatorLoss.RELATIVE_L2, 3e-3, 100, 10);
        assertThat(e.meanRelative()).isLessThan(0.08);                  // measured 0.036
    }

    @Test
    void deepOnetLearnsTheAntiderivative() {
        Tensor[] data = SyntheticOperators.antiderivative(300, 20, 5);
        DeepOnet d = new DeepOnet(20, new int[] {40}, new int[] {40}, 40, 1, false, Activation.of("relu"),
                data[2].reshape(20, 1), new int[] {20}, new Rng(6));
        Evaluation e = fitAndTest(d, data, 200, OperatorLoss.MSE, 3e-3, 800, 0);
        assertThat(e.mse()).isLessThan(3e-3);                            // measured 1.35e-3
        assertThat(e.meanRelative()).isLessThan(0.2);                    // measured 0.13; untrained about 1
    }

    @Test
    void physicsInformedDeepOnetLearnsTheAntiderivativeWithoutOutputData() {
        Tensor[] data = SyntheticOperators.antiderivative(120, 20, 7);
        Tensor points = data[2].reshape(20, 1);
        DeepOnet d = new DeepOnet(20, new int[] {40}, new int[] {40}, 40, 1, false, Activation.of("tanh"), points,
                new int[] {20}, new Rng(8));
        AntiderivativePhysics o = new AntiderivativePhysics(d, data[0].slice(0, 0, 100), points, 0, 0, 0, 9);
        train(o, 2e-3, 1500, 500);
        Evaluation e = Evaluation.of(d, data[0].slice(0, 100, 120), data[1].slice(0, 100, 120), 20);
        assertThat(e.meanRelative()).isLessThan(0.15);                  // measured 0.094
    }
}
