/**
 * The {@code djl} tensor backend: {@link vsam.api.TensorBackend} on DJL 0.36 and its PyTorch 2.7.1
 * engine, CPU only.
 *
 * <p>DJL's jars are automatic modules that declare no dependencies, so the libraries they use at run
 * time (SLF4J, Gson, Commons Compress) are required here to pull them into the module graph. The
 * libtorch jar ({@code pytorch-native-cpu}) has an automatic-module name that is not a legal Java
 * identifier: it must stay on the class path, where DJL finds it as a resource. Launchers put the
 * DJL jars on the module path with {@code --add-modules ALL-MODULE-PATH} (or on the class path, where
 * {@code META-INF/services/vsam.api.TensorBackend} registers the backend).
 */
@SuppressWarnings("requires-automatic") // DJL 0.36 ships no module descriptors
module vsam.backend.djl {
    requires vsam.api;
    requires ai.djl.api;
    requires ai.djl.pytorch_engine;
    requires org.slf4j;
    requires com.google.gson;
    requires org.apache.commons.compress;

    provides vsam.api.TensorBackend with vsam.backend.djl.DjlBackend;
}
