package vsam.testkit;

import java.util.List;
import vsam.api.BackendException;
import vsam.api.DeviceStatus;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.TensorBackend;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.vector.Vec;

/** The pure-Java reference backend: heap vectors and {@link ReferenceMlp}; device {@code cpu} only. */
public final class ReferenceBackend implements TensorBackend {

    @Override
    public String id() {
        return "reference";
    }

    @Override
    public String description() {
        return "pure-Java reference implementation (tests only; mlp models)";
    }

    @Override
    public List<DeviceStatus> probe() {
        return List.of(DeviceStatus.available("cpu", "Java heap"));
    }

    @Override
    public Session open(SessionOptions options) {
        if (!options.device().equals("cpu")) {
            throw new BackendException("the reference backend has no device '" + options.device() + "' (only cpu)");
        }
        return new ReferenceSession();
    }

    /** A session of the reference backend; nothing native to free. */
    public static final class ReferenceSession implements Session {
        @Override
        public String device() {
            return "cpu";
        }

        @Override
        public Network build(ModelSpec spec, InitialWeights init, LossOptions loss) {
            return new ReferenceMlp(spec, init, loss);
        }

        @Override
        public Vec zerosLike(Network network) {
            return new ArrayVec(network.segments());
        }

        @Override
        public DeviceBatch upload(HostBatch batch) {
            return new HeapBatch(batch);
        }

        @Override
        public void close() {
        }
    }
}
