package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;

/**
 * One CPU {@link Node} run on its own, as {@link CpuNetwork} runs its nodes: parameters and gradient as
 * native vectors, the node's buffers, workspace and partial-gradient parts reserved for {@code n} examples.
 */
final class NodeHarness implements AutoCloseable {

    final Arena arena = new Arena();
    final Parallel parallel;
    final Context context;
    final NativeFloats params;
    final NativeFloats grad;
    final Node node;

    NodeHarness(Node node, float[] parameters, int n, int threads) {
        this.node = node;
        parallel = new Parallel(threads);
        Blas.threads(1);
        params = arena.floats(Math.max(1, parameters.length));
        params.buffer().put(0, parameters);
        grad = arena.floats(Math.max(1, parameters.length));
        context = new Context(parallel, params, arena.floats(1));
        context.n = n;
        context.mode = Context.Mode.TRAIN;
        context.gradient(grad);
        node.reserve(n, arena);
        context.workspace = new NativeFloats[threads];
        long ws = node.workspace(n);
        for (int p = 0; p < threads; p++) {
            context.workspace[p] = ws > 0 ? arena.floats(ws) : null;
        }
        context.partial = new NativeFloats[threads - 1];
        for (int p = 0; p < threads - 1; p++) {
            context.partial[p] = node.weights() > 0 ? arena.floats(node.weights()) : null;
        }
    }

    private NativeFloats input;

    /** The node's output for input {@code x} ({@code n × in.elements()}, the node's input layout). */
    float[] forward(float[] x) {
        input = arena.floats(x.length);
        input.buffer().put(0, x);
        NativeFloats y = node.forward(context, input);
        float[] out = new float[context.n * node.out.elements()];
        y.buffer().get(0, out);
        return out;
    }

    /** The input gradient for output gradient {@code dy}, after {@link #forward}; {@link #gradient} then holds the parameters'. */
    float[] backward(float[] dy) {
        NativeFloats d = arena.floats(dy.length);
        d.buffer().put(0, dy);
        NativeFloats dx = node.backward(context, d, true);
        float[] out = new float[context.n * node.in.elements()];
        dx.buffer().get(0, out);
        return out;
    }

    float[] gradient() {
        float[] g = new float[(int) grad.length()];
        FloatBuffer b = grad.buffer();
        b.get(0, g);
        return g;
    }

    @Override
    public void close() {
        parallel.close();
        arena.close();
    }
}
