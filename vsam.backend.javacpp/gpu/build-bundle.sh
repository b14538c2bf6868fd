#!/usr/bin/env bash
# Builds the self-contained GPU check bundle into vsam.backend.javacpp/bundle/ (git-ignored): a jlink-ed
# Java runtime, the project's module jars (vsam.api, vsam.backend.javacpp) and the JavaCPP jars (javacpp,
# openblas without its natives, cuda, with their linux-x86_64 natives; NOT the CUDA redist: the GPU machine's own CUDA 13
# runtime, cuBLAS and cuDNN 9 are used), plus run-gpu-check.sh. Fails if the bundle exceeds 60 MiB.
# Extra Maven flags (e.g. -o) may be passed in MVN_FLAGS.
set -euo pipefail
module=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$module/.." && pwd)
out="$module/bundle"
rm -rf "$out"
mkdir -p "$out/jars"

cd "$root"
mvn -B -q ${MVN_FLAGS:-} -pl vsam.backend.javacpp -am -DskipTests package \
    dependency:copy-dependencies -DincludeScope=runtime -DincludeGroupIds=org.bytedeco \
    -DoutputDirectory="$out/jars"
cp vsam.api/target/vsam.api-*.jar "$out/jars/"
cp vsam.backend.javacpp/target/vsam.backend.javacpp-*.jar "$out/jars/"
rm -f "$out"/jars/*-sources.jar "$out"/jars/*-tests.jar
# OpenBLAS's natives (19 MB) serve the CPU path only; the GPU check does not need them (its probe then
# lists cpu as unavailable, which is fine there)
rm -f "$out"/jars/openblas-*-linux-x86_64.jar

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
