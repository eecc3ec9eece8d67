package nnlang.model;

/**
 * A part of a network as its source declares it ({@code part first = HalfAdder(x, y)}), or a part
 * of one of its parts. The front end expands every part into nodes of the network that has it, so
 * nothing that runs or trains a network needs its parts; they are here for the tools that show how
 * a network is built (diagrams, inspection).
 *
 * @param name    qualified as the part's nodes are: {@code first}, or {@code first.a} for part
 *                {@code a} of part {@code first}; node {@code first.a.out} belongs to both
 * @param network the network the part uses
 * @param pos     where the part is declared (for a part of a part, in its own network's file)
 */
public record Part(String name, String network, SourcePos pos) {

    /** Whether node {@code node} (a qualified node name) is one of the part's nodes. */
    public boolean contains(String node) {
        return node.length() > name.length() + 1 && node.startsWith(name) && node.charAt(name.length()) == '.';
    }
}
