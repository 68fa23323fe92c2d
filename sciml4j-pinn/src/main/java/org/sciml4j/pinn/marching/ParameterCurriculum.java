package org.sciml4j.pinn.marching;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.sciml4j.nn.Module;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.Trainer;

/**
 * Curriculum regularisation (Krishnapriyan et al. 2021): the problem is trained with a known parameter at
 * {@link Curriculum#values} in turn, easy first, the last at the problem's own value, one network carried from stage
 * to stage (each stage starts from the last one's weights). Each stage runs the trainer's whole schedule. The
 * stages' solutions share that one network (trained in place): each stage's losses tell what it reached.
 */
public final class ParameterCurriculum {
    private ParameterCurriculum() {
    }

    /**
     * @param problem    the problem, with the target value of the curriculum's parameter
     * @param curriculum the parameter, first value and number of stages
     * @param network    trained in place, stage after stage
     * @param trainer    trains each stage (its listener sees each stage's epochs from 0)
     * @param log        told a line as each stage starts
     * @return the last stage's solution (the problem's own value; epochs and seconds summed over the stages) and
     *         every stage's
     * @throws IllegalArgumentException if the parameter is not a known one, or its value and {@code from} differ in
     *                                  sign
     */
    public static StagedSolution train(Problem problem, Curriculum curriculum, Module network, Trainer trainer,
            Consumer<String> log) {
        String name = curriculum.parameter();
        Double target = problem.knownParameters().get(name);
        if (target == null) {
            throw new IllegalArgumentException("curriculum: '" + name + "' is not a known parameter "
                    + problem.knownParameters().keySet());
        }
        double[] values = curriculum.values(target);
        List<Stage> stages = new ArrayList<>();
        Solution last = null;
        for (int i = 0; i < values.length; i++) {
            log.accept("curriculum stage " + (i + 1) + " of " + values.length + ": " + name + " = " + values[i]);
            Problem stage = i == values.length - 1 ? problem
                    : ProblemCopy.of(problem).parameter(name, values[i]).build();
            last = trainer.train(stage, network);
            stages.add(new Stage(name + " = " + values[i], values[i], values[i], last));
            if (!TimeMarching.finished(last.stopReason())) {
                break;
            }
        }
        return new StagedSolution(summed(last, stages), stages, "curriculum");
    }

    /** The last stage's solution with the epochs and seconds of all stages. */
    private static Solution summed(Solution last, List<Stage> stages) {
        int epochs = 0;
        double seconds = 0;
        double first = 0;
        for (Stage s : stages) {
            epochs += s.solution().epochs();
            seconds += s.solution().trainSeconds();
            first += s.solution().firstSeconds();
        }
        return new Solution(last.problem(), last.network(), last.parameters(), last.history(), epochs, seconds, first,
                last.stopReason());
    }
}
