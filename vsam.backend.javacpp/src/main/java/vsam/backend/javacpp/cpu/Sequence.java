package vsam.backend.javacpp.cpu;

import java.util.List;

/** A chain of nodes: forward in order, backward in reverse, the first node told whether dx is needed. */
final class Sequence {

    final List<Node> nodes;

    Sequence(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
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
        for (int i = nodes.size() - 1; i >= 0; i--) {
            long start = Blas.PROFILE ? System.nanoTime() : 0;
            Node node = nodes.get(i);
            d = node.backward(c, d, i > 0 || needDx);
            if (Blas.PROFILE && !(node instanceof Residual)) {
                Profile.add(node.getClass().getSimpleName() + ".backward", System.nanoTime() - start);
            }
        }
        return d;
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
