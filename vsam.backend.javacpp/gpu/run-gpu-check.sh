#!/usr/bin/env bash
# Runs the GPU check from the bundle this script sits in (see build-bundle.sh): probes CUDA through the
# javacpp backend and prints ONE summary line. Without a usable CUDA device it prints
# "cuda unavailable: <reason>" and exits 0. Needs nothing but the bundle (no JDK, no network).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache="${VSAM_JAVACPP_CACHE:-${TMPDIR:-/tmp}/vsam-javacpp-cache}"
exec "$here/runtime/bin/java" -Dorg.bytedeco.javacpp.cachedir="$cache" \
    -p "$here/jars" --add-modules ALL-MODULE-PATH \
    -m vsam.backend.javacpp/vsam.backend.javacpp.GpuCheck "$@"
