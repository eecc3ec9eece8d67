package nnlang.frontend.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.stream.Collectors;
import nnlang.frontend.Reporter;

/**
 * The ordering pass: sorts the flat nodes (a part's nodes among them) so that each reads only
 * nodes before it (Kahn's algorithm, always taking the earliest-declared ready node, so declaration
 * order is kept wherever the dependencies allow). A node may name nodes declared after it; a cycle
 * is reported as {@code cycle} with its path, e.g. {@code a -> b -> a} where a reads b.
 */
final class DependencyOrder {

    private DependencyOrder() {}

    /**
     * @return {@code order[k]} = the flat node at model index k, or empty after reporting a cycle
     */
    static Optional<int[]> sort(List<Declarations.FlatNode> nodes, Wiring wiring, Reporter reporter) {
        int n = nodes.size();
        List<List<Integer>> readers = new ArrayList<>();
        int[] unmet = new int[n];
        for (int i = 0; i < n; i++) {
            readers.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int dependency : dependencies(wiring, i)) {
                readers.get(dependency).add(i);
                unmet[i]++;
            }
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (unmet[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int placed = 0;
        while (!ready.isEmpty()) {
            int next = ready.poll();
            order[placed++] = next;
            for (int reader : readers.get(next)) {
                if (--unmet[reader] == 0) {
                    ready.add(reader);
                }
            }
        }
        if (placed < n) {
            reportCycle(nodes, wiring, unmet, reporter);
            return Optional.empty();
        }
        return Optional.of(order);
    }

    /** The distinct nodes that node {@code i} reads, in the order of its sources. */
    private static List<Integer> dependencies(Wiring wiring, int i) {
        return wiring.sources(i).stream().filter(s -> !s.isInput()).map(Slice::node).distinct().toList();
    }

    /**
     * Walks from the earliest unplaced node along unplaced dependencies until a node repeats: every
     * unplaced node reads an unplaced node, so the walk must close a cycle.
     */
    private static void reportCycle(List<Declarations.FlatNode> nodes, Wiring wiring, int[] unmet,
                                    Reporter reporter) {
        List<Integer> path = new ArrayList<>();
        int current = 0;
        while (unmet[current] == 0) {
            current++;
        }
        while (!path.contains(current)) {
            path.add(current);
            for (int dependency : dependencies(wiring, current)) {
                if (unmet[dependency] > 0) {
                    current = dependency;
                    break;
                }
            }
        }
        List<Integer> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
        cycle.add(current);
        String names = cycle.stream().map(i -> nodes.get(i).name()).collect(Collectors.joining(" -> "));
        reporter.error("cycle", nodes.get(current).pos(), "these nodes read each other in a cycle: " + names,
                "a network must be acyclic: a node cannot read, directly or not, a node that reads it");
    }
}
