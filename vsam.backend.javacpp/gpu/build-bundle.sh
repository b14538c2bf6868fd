#!/usr/bin/env bash
# Builds the self-contained GPU check bundle into vsam.backend.javacpp/bundle/ (git-ignored), at most 60 MiB:
#   runtime/   a jlink-ed Java runtime (java.base, jdk.unsupported)
#   jars/      the project's jars (vsam.api, vsam.backend.javacpp, and, for the CPU-vs-CUDA checks, vsam.algorithm,
#              vsam.testkit and the backend's CUDA check classes from its tests), the JavaCPP jars (javacpp, cuda with
#              its linux-x86_64 natives; openblas with only the natives the CPU reference needs: OpenBLAS without
#              LAPACK; oneDNN's classes without its natives). NOT the CUDA redist: the GPU machine's own CUDA 13 runtime, cuBLAS, cuDNN 9 and NVRTC are used.
#   run-gpu-check.sh
# Everything runs on the class path (the check classes share a package with the backend module).
# Extra Maven flags (e.g. -o) may be passed in MVN_FLAGS.
set -euo pipefail
module=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$module/.." && pwd)
out="$module/bundle"
rm -rf "$out"
mkdir -p "$out/jars"

cd "$root"
# -DskipTests compiles the tests (the check classes) without running them
mvn -B -q ${MVN_FLAGS:-} -pl vsam.backend.javacpp -am -DskipTests package \
    dependency:copy-dependencies -DincludeScope=runtime -DincludeGroupIds=org.bytedeco \
    -DoutputDirectory="$out/jars"
cp vsam.api/target/vsam.api-*.jar vsam.algorithm/target/vsam.algorithm-*.jar vsam.testkit/target/vsam.testkit-*.jar \
    vsam.backend.javacpp/target/vsam.backend.javacpp-*.jar "$out/jars/"
rm -f "$out"/jars/*-sources.jar "$out"/jars/*-tests.jar
# the CUDA checks: the test classes of package vsam.backend.javacpp.cuda and the shared fixtures (no JUnit needed)
tests="$module/target/test-classes"
jar --create --file "$out/jars/vsam.backend.javacpp-cuda-checks.jar" \
    -C "$tests" vsam/backend/javacpp/cuda -C "$tests" vsam/backend/javacpp/Fixtures.class
# OpenBLAS's native jar is 19 MB; the CPU reference of the checks loads only openblas_nolapack, so keep that JNI
# library, libopenblas and its runtime libraries, and drop the LAPACK builds and the headers
native=$(ls "$out"/jars/openblas-*-linux-x86_64.jar)
slim="$out/openblas-slim"
mkdir -p "$slim"
(cd "$slim" && unzip -q "$native" && rm -f org/bytedeco/openblas/linux-x86_64/libjniopenblas.so \
    org/bytedeco/openblas/linux-x86_64/libjniopenblas_full.so && rm -rf org/bytedeco/openblas/linux-x86_64/include)
rm -f "$native"
(cd "$slim" && jar --create --file "$native" --manifest META-INF/MANIFEST.MF -C . org)
rm -rf "$slim"

# oneDNN's native jar (26 MB, with its OpenCL preset's) would take the bundle past 60 MiB; the checks' CPU reference
# convolves by im2col + sgemm instead (run-gpu-check.sh sets vsam.javacpp.conv=gemm), so only the Java classes stay
rm -f "$out"/jars/dnnl-*-linux-x86_64.jar "$out"/jars/opencl-*-linux-x86_64.jar

jlink --add-modules java.base,jdk.unsupported --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$out/runtime"
cp "$module/gpu/run-gpu-check.sh" "$out/"
chmod +x "$out/run-gpu-check.sh"

size=$(du -sm "$out" | cut -f1)
echo "bundle: $out ($size MiB)"
if [ "$size" -gt 60 ]; then
    echo "bundle is over 60 MiB" >&2
    exit 1
fi
