#!/usr/bin/env bash
# The W3C HTML checker (vnu) for tests/test_valid_html.py: the npm package vnu-jar (pinned)
# into .cache/vnu, run with Debian's Java (--ignore-scripts: its postinstall would download a Java).
# Installs Java and npm from Debian when missing and root.
set -euo pipefail
cd "$(dirname "$0")/.."
VNU_VERSION=26.9.27
JAR=.cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
need=()
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${need[*]} (needed by the HTML validity test)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "error: the HTML validity test needs ${need[*]}. Run:  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
if [ ! -f "$JAR" ] || ! grep -q "\"version\": \"$VNU_VERSION\"" .cache/vnu/node_modules/vnu-jar/package.json; then
  echo "Installing vnu-jar@$VNU_VERSION into .cache/vnu …"
  npm install --prefix .cache/vnu --ignore-scripts --no-audit --no-fund --loglevel=error -E "vnu-jar@$VNU_VERSION"
fi
