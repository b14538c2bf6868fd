package vsam.backend.javacpp.cpu;

import java.util.List;

/**
 * A chain of nodes: forward in order, backward in reverse. In the backward pass a node is asked for its input
 * gradient only when something before it needs one: a node with parameters earlier in the chain, or the
 * caller ({@code needDx}). Nodes before the first one with parameters are skipped when the caller needs no
 * gradient: in {@code cnn-s} that saves the first convolution's data gradient (which the relayout of the
 * input batch in front of it used to ask for) and the relayout's own backward pass.
 */
final class Sequence {

    final List<Node> nodes;
    /** The index of the first node with parameters ({@code nodes.size()} when none has any). */
    private final int firstWithParameters;

    Sequence(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
        int first = 0;
        while (first < this.nodes.size() && !this.nodes.get(first).hasParameters()) {
            first++;
        }
        firstWithParameters = first;
    }

    NativeFloats forward(Context c, NativeFloats x) {
        NativeFloats a = x;
        for (Node node : nodes) {
            long start = Blas.PROFILE ? System.nanoTime() : 0;
            a = node.forward(c, a);
            if (Blas.PROFILE && !(node instanceof Residual) && c.mode != Context.Mode.EVAL) {
                Profile.add(node.getClass().getSimpleName() + ".forward", System.nanoTime() - start);
            }
        }
        return a;
    }

    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        NativeFloats d = dy;
        int stop = needDx ? 0 : firstWithParameters;
        for (int i = nodes.size() - 1; i >= stop; i--) {
            long start = Blas.PROFILE ? System.nanoTime() : 0;
            Node node = nodes.get(i);
            d = node.backward(c, d, needDx || i > firstWithParameters);
            if (Blas.PROFILE && !(node instanceof Residual)) {
                Profile.add(node.getClass().getSimpleName() + ".backward", System.nanoTime() - start);
            }
        }
        return needDx ? d : null;
    }

    /** Whether any node of the chain has parameters. */
    boolean hasParameters() {
        return firstWithParameters < nodes.size();
    }

    void reserve(int capacity, Arena arena) {
        for (Node node : nodes) {
            node.reserve(capacity, arena);
        }
    }

    void release(Arena arena) {
        for (Node node : nodes) {
            node.release(arena);
        }
    }

    long weights() {
        long max = 0;
        for (Node node : nodes) {
            max = Math.max(max, node.weights());
        }
        return max;
    }

    long workspace(int capacity) {
        long max = 0;
        for (Node node : nodes) {
            max = Math.max(max, node.workspace(capacity));
        }
        return max;
    }
}
