#!/usr/bin/env bash
# Runs the GPU check from the bundle this script sits in (see build-bundle.sh) and prints ONE summary line:
#   with a usable CUDA device: the CPU-vs-CUDA parity checks (loss and gradients of mlp, cnn-s, resnet18, the
#   every-layer file and the vision transformers vit-tiny, cls-vit and mean-vit, 50 SGD and vSAM steps, every vector
#   operation) and the resnet18 and vit-tiny throughput (synthetic batches of 128; SGD, SAM, vSAM steps per second);
#   exit 0 when every parity check passed, 1 otherwise;
#   without one: "cuda unavailable: <reason>", exit 0.
# Needs nothing but the bundle and the machine's CUDA 13 runtime, cuBLAS, cuDNN 9 and NVRTC (no JDK, no network).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache="${VSAM_JAVACPP_CACHE:-${TMPDIR:-/tmp}/vsam-javacpp-cache}"
# where CUDA installs put its libraries, when they are not in the loader's cache already
for d in /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib /usr/lib/x86_64-linux-gnu; do
    if [ -d "$d" ]; then
        LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d"
    fi
done
export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:-}"
# the one GPU run must explain its failures: cuDNN writes the reason behind an error status to stderr; and no
# library may round FP32 GEMMs/convolutions to TF32 behind our back (the parity checks allow 1e-3)
export CUDNN_LOGERR_DBG="${CUDNN_LOGERR_DBG:-1}" CUDNN_LOGDEST_DBG="${CUDNN_LOGDEST_DBG:-stderr}"
export NVIDIA_TF32_OVERRIDE="${NVIDIA_TF32_OVERRIDE:-0}"
# the CPU reference convolves by im2col + OpenBLAS sgemm: oneDNN's natives (89 MB) are not in the bundle
exec "$here/runtime/bin/java" -Dorg.bytedeco.javacpp.cachedir="$cache" -Dvsam.javacpp.conv=gemm \
    -cp "$here/jars/*" vsam.backend.javacpp.GpuCheck "$@"
