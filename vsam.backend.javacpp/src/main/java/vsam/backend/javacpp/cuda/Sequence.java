package vsam.backend.javacpp.cuda;

import java.util.List;

/**
 * A chain of nodes: forward in order, backward in reverse, the first node told whether its input
 * gradient is needed. An empty chain is the identity (a residual block's plain shortcut).
 */
final class Sequence {

    final List<Node> nodes;

    Sequence(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    DeviceFloats forward(PassContext s, DeviceFloats x) {
        DeviceFloats a = x;
        for (Node node : nodes) {
            a = node.forward(s, a);
        }
        return a;
    }

    DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
        DeviceFloats d = dy;
        for (int i = nodes.size() - 1; i >= 0; i--) {
            d = nodes.get(i).backward(s, d, i > 0 || needDx);
        }
        return d;
    }

    void reserve(int capacity, DeviceMemory memory) {
        for (Node node : nodes) {
            node.reserve(capacity, memory);
        }
    }

    void release(DeviceMemory memory) {
        for (Node node : nodes) {
            node.release(memory);
        }
    }
}
