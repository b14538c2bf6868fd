/**
 * The {@code javacpp} tensor backend: {@link vsam.api.TensorBackend} on JavaCPP presets, OpenBLAS and oneDNN
 * (convolutions) on the CPU ({@code cpu}) and CUDA (cuBLAS, cuDNN, NVRTC-compiled kernels) on a GPU ({@code cuda:N}).
 *
 * <p>Every parameter, gradient and optimizer vector is one flat native allocation with the model's
 * segment table; the backend owns its kernels. The {@code *.linux.x86_64} native modules of the
 * presets are required by nobody: launch with {@code --add-modules} naming them (or put the native jars
 * on the class path).
 */
module vsam.backend.javacpp {
    requires vsam.api;
    requires org.bytedeco.javacpp;
    requires org.bytedeco.openblas;
    requires org.bytedeco.cuda;
    requires org.bytedeco.dnnl;
    requires jdk.incubator.vector;

    provides vsam.api.TensorBackend with vsam.backend.javacpp.JavaCppBackend;
}
