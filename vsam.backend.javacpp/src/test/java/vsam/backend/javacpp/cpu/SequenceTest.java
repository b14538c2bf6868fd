package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.api.model.Shape;

/**
 * Which nodes of a chain the backward pass runs, and which of them it asks for an input gradient: only what
 * a node with parameters before them, or the caller, will use (see {@link Sequence}).
 */
class SequenceTest {

    /** One backward call a recording node saw: its name and whether it was asked for its input gradient. */
    private record Call(String node, boolean needDx) {
    }

    /** A node that records its backward calls and returns a marker gradient when asked for one. */
    private static final class Recording extends Node {
        private final String name;
        private final boolean parameters;
        private final List<Call> calls;

        Recording(String name, boolean parameters, List<Call> calls) {
            super(new Shape(1, 1, 1), new Shape(1, 1, 1), Layout.FLAT, Layout.FLAT);
            this.name = name;
            this.parameters = parameters;
            this.calls = calls;
        }

        @Override
        boolean hasParameters() {
            return parameters;
        }

        @Override
        NativeFloats forward(Context c, NativeFloats x) {
            return x;
        }

        @Override
        NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
            calls.add(new Call(name, needDx));
            return dy;
        }
    }

    private static Sequence chain(List<Call> calls, Object... namesAndParameters) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < namesAndParameters.length; i += 2) {
            nodes.add(new Recording((String) namesAndParameters[i], (Boolean) namesAndParameters[i + 1], calls));
        }
        return new Sequence(nodes);
    }

    @Test
    void aRelayoutBeforeTheFirstConvolutionIsSkippedAndTheConvolutionNeedsNoDataGradient() {
        List<Call> calls = new ArrayList<>();
        Sequence s = chain(calls, "relayout", false, "conv", true, "relu", false, "linear", true, "relu2", false);
        assertNull(s.backward(null, null, false), "no input gradient is returned when none is needed");
        assertEquals(List.of(new Call("relu2", true), new Call("linear", true), new Call("relu", true),
                new Call("conv", false)), calls);
        assertTrue(s.hasParameters());
    }

    @Test
    void aCallerThatNeedsTheInputGradientGetsEveryNodeAskedForIt() {
        List<Call> calls = new ArrayList<>();
        Sequence s = chain(calls, "pool", false, "conv", true, "relu", false);
        s.backward(null, null, true);
        assertEquals(List.of(new Call("relu", true), new Call("conv", true), new Call("pool", true)), calls);
    }

    @Test
    void aChainWithoutParametersRunsNoBackwardPassUnlessItsCallerNeedsOne() {
        List<Call> calls = new ArrayList<>();
        Sequence s = chain(calls, "relu", false, "pool", false);
        assertFalse(s.hasParameters());
        s.backward(null, null, false);
        assertEquals(List.of(), calls);
        s.backward(null, null, true);
        assertEquals(List.of(new Call("pool", true), new Call("relu", true)), calls);
    }
}
