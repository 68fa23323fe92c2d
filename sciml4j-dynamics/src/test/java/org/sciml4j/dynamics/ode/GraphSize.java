package org.sciml4j.dynamics.ode;

import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.sciml4j.tensor.Tensor;

/**
 * Counts the recorded nodes reachable from a result: what a graph keeps alive until it is differentiated (the
 * engine exposes no such count, so the test reads its two package-private fields).
 */
final class GraphSize {
    private GraphSize() {
    }

    static int nodes(Tensor y) throws ReflectiveOperationException {
        Field nodeField = Tensor.class.getDeclaredField("node");
        nodeField.setAccessible(true);
        Class<?> nodeClass = Class.forName("org.sciml4j.tensor.Node");
        Field inputsField = nodeClass.getDeclaredField("inputs");
        inputsField.setAccessible(true);
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> todo = new ArrayDeque<>();
        todo.add(y);
        int count = 0;
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            Object node = nodeField.get(t);
            if (node == null || !seen.add(node)) {
                continue;
            }
            count++;
            for (Tensor in : (Tensor[]) inputsField.get(node)) {
                todo.add(in);
            }
        }
        return count;
    }
}
