#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (address and undefined
# behaviour sanitizers) into build-fuzz/, and with `run` runs each one for
# FUZZ_SECONDS (default 60) on its corpus in build-fuzz/corpus/<target>.
#
#   fuzz/build.sh            build only
#   FUZZ_SECONDS=600 fuzz/build.sh run
set -euo pipefail
cd "$(dirname "$0")/.."
out=build-fuzz
mkdir -p "$out/corpus"
# The generated core @context comes from the normal configure step.
generated=build/generated/context/core_context.cpp
[[ -f $generated ]] || cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -Isrc -Ifuzz -DBOOST_JSON_NO_LIB -DBOOST_CONTAINER_NO_LIB)
common=(src/core/json.cpp src/core/error.cpp src/context/jsonld/context.cpp "$generated"
        src/context/model/entity.cpp src/context/model/merge.cpp src/context/model/render.cpp
        src/context/model/problem.cpp src/context/query/pattern.cpp)
declare -A extra=(
  [fuzz_ngsild_q]="src/context/query/q.cpp"
  [fuzz_ngsild_geo]="src/context/query/geo.cpp"
  [fuzz_ngsild_jsonld]=""
  [fuzz_mqtt_payload]="src/context/ingest/message.cpp"
)
for target in "${!extra[@]}"; do
  # shellcheck disable=SC2086
  clang++ "${flags[@]}" "fuzz/$target.cpp" "${common[@]}" ${extra[$target]} \
    -lboost_json -o "$out/$target" &
done
wait
if [[ "${1:-}" == run ]]; then
  for target in "${!extra[@]}"; do
    mkdir -p "$out/corpus/$target"
    "$out/$target" -max_total_time="${FUZZ_SECONDS:-60}" -max_len=4096 -timeout=5 \
      -print_final_stats=1 "$out/corpus/$target" fuzz/seeds/"$target" 2>&1 | tail -12
  done
fi
