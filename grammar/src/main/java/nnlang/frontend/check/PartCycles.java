package nnlang.frontend.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnlang.frontend.syntax.NetworkSyntax;
import nnlang.frontend.syntax.NodeDecl;

/** Networks that are parts of themselves, directly or through others: {@code recursive-part}. */
final class PartCycles {

    private PartCycles() {}

    /**
     * Reports every network of the file that is a part of itself, directly or through others, once
     * per cycle, at the part that closes it, and returns the indices of the networks on a cycle,
     * which are not checked. Imported networks cannot be in a cycle with the file's own (imports are
     * acyclic), so only the file's own are walked, without recursion.
     *
     * @param own the file's networks by name, as the file's scope has them (its own only)
     */
    static Set<Integer> find(SourceFile file, Map<String, Integer> own) {
        Set<Integer> recursive = new HashSet<>();
        List<NetworkSyntax> networks = file.syntax.networks();
        int n = networks.size();
        List<List<Integer>> uses = new ArrayList<>();
        for (NetworkSyntax network : networks) {
            List<Integer> targets = new ArrayList<>();
            for (NodeDecl decl : network.nodes()) {
                if (decl instanceof NodeDecl.Part part) {
                    Integer target = own.get(part.network().text());
                    if (target != null) {
                        targets.add(target);
                    }
                }
            }
            uses.add(targets);
        }
        // Iterative depth-first search; state 1 = on the path, 2 = done.
        int[] state = new int[n];
        for (int start = 0; start < n; start++) {
            if (state[start] != 0) {
                continue;
            }
            Deque<int[]> stack = new ArrayDeque<>();
            List<Integer> path = new ArrayList<>();
            stack.push(new int[] {start, 0});
            state[start] = 1;
            path.add(start);
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                List<Integer> next = uses.get(top[0]);
                if (top[1] == next.size()) {
                    stack.pop();
                    state[top[0]] = 2;
                    path.remove(path.size() - 1);
                    continue;
                }
                int target = next.get(top[1]++);
                if (state[target] == 1) {
                    report(file, networks, path.subList(path.indexOf(target), path.size()), target);
                    recursive.addAll(path.subList(path.indexOf(target), path.size()));
                } else if (state[target] == 0) {
                    state[target] = 1;
                    path.add(target);
                    stack.push(new int[] {target, 0});
                }
            }
        }
        return recursive;
    }

    private static void report(SourceFile file, List<NetworkSyntax> networks, List<Integer> cycle, int target) {
        List<String> names = new ArrayList<>();
        cycle.forEach(i -> names.add(networks.get(i).name().text()));
        names.add(networks.get(target).name().text());
        int last = cycle.get(cycle.size() - 1);
        NodeDecl.Part part = networks.get(last).nodes().stream().filter(d -> d instanceof NodeDecl.Part p
                && p.network().text().equals(names.get(names.size() - 1))).map(d -> (NodeDecl.Part) d).findFirst()
                .orElseThrow();
        file.reporter.error("recursive-part", part.network().pos(), "network " + names.get(0) + " is a part of itself: "
                + String.join(" -> ", names), "a network cannot contain itself, directly or through its parts");
    }
}
