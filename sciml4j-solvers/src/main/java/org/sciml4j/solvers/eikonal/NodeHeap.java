package org.sciml4j.solvers.eikonal;

import java.util.Arrays;

/** A binary min-heap of grid nodes keyed by a value, with decrease-key: the fast-marching front. */
final class NodeHeap {
    private int[] nodes;
    private double[] keys;
    /** Each node's place in the heap, or -1. */
    private final int[] place;
    private int size;

    NodeHeap(int nodeCount) {
        nodes = new int[64];
        keys = new double[64];
        place = new int[nodeCount];
        Arrays.fill(place, -1);
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Inserts the node, or lowers its key if it is already in the heap with a larger one. */
    void offer(int node, double key) {
        int at = place[node];
        if (at < 0) {
            if (size == nodes.length) {
                nodes = Arrays.copyOf(nodes, size * 2);
                keys = Arrays.copyOf(keys, size * 2);
            }
            at = size++;
            nodes[at] = node;
            place[node] = at;
        } else if (key >= keys[at]) {
            return;
        }
        keys[at] = key;
        up(at);
    }

    /** Removes and returns the node with the least key. */
    int poll() {
        int top = nodes[0];
        place[top] = -1;
        size--;
        if (size > 0) {
            nodes[0] = nodes[size];
            keys[0] = keys[size];
            place[nodes[0]] = 0;
            down(0);
        }
        return top;
    }

    private void up(int at) {
        while (at > 0) {
            int parent = (at - 1) >> 1;
            if (keys[parent] <= keys[at]) {
                return;
            }
            swap(at, parent);
            at = parent;
        }
    }

    private void down(int at) {
        while (true) {
            int l = 2 * at + 1;
            if (l >= size) {
                return;
            }
            int c = l + 1 < size && keys[l + 1] < keys[l] ? l + 1 : l;
            if (keys[at] <= keys[c]) {
                return;
            }
            swap(at, c);
            at = c;
        }
    }

    private void swap(int a, int b) {
        int na = nodes[a];
        double ka = keys[a];
        nodes[a] = nodes[b];
        keys[a] = keys[b];
        nodes[b] = na;
        keys[b] = ka;
        place[nodes[a]] = a;
        place[nodes[b]] = b;
    }
}
