#!/usr/bin/env bash
# Scaffold an Nx project: tools/dev/new-project.sh <apps/x|libs/x> '"type:...", "scope:..."'
# Targets lint/typecheck/test/int-test come from nx.json targetDefaults.
set -euo pipefail
dir=$1; tags=$2
[ -e "$dir/project.json" ] && { echo "$dir/project.json exists" >&2; exit 1; }
mkdir -p "$dir/src"
depth=$(echo "$dir" | awk -F/ '{print NF}'); up=$(printf '../%.0s' $(seq 1 "$depth"))
kind=library; [[ $dir == apps/* ]] && kind=application
cat > "$dir/project.json" <<EOF
{
  "name": "$(basename "$dir")",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$kind",
  "tags": [$tags],
  "targets": { "lint": {}, "typecheck": {}, "test": {}, "int-test": {} }
}
EOF
cat > "$dir/tsconfig.json" <<EOF
{
  "extends": "${up}tsconfig.base.json",
  "compilerOptions": { "types": ["node", "jest"] },
  "include": ["src/**/*.ts", "bench/**/*.ts", "test/**/*.ts"]
}
EOF
echo "created $dir ($kind)"
