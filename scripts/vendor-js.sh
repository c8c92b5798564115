#!/usr/bin/env bash
# Copy the minified browser builds of the chart and graph libraries, with
# their licences, into src/foedus/web/static/vendor/.
#
# Why vendored: the dashboard must work offline and its Content-Security-Policy
# allows scripts from 'self' only, so nothing may come from a CDN. Versions are
# pinned here so that a re-run gives the same files.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$here/src/foedus/web/static/vendor"

VEGA=6.4.0
VEGA_LITE=6.5.0
VEGA_EMBED=7.3.0
VEGA_INTERPRETER=2.3.2
CYTOSCAPE=3.34.4
ESBUILD=0.28.2

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null 2>&1
npm install --no-audit --no-fund --ignore-scripts --omit=dev --loglevel=error \
  "vega@$VEGA" "vega-lite@$VEGA_LITE" "vega-embed@$VEGA_EMBED" \
  "vega-interpreter@$VEGA_INTERPRETER" "cytoscape@$CYTOSCAPE" "esbuild@$ESBUILD" >/dev/null

mkdir -p "$dest"
copy() {  # copy <package> <file inside package> <target name>
  local src="$work/node_modules/$1/$2"
  if [[ ! -f "$src" ]]; then
    echo "vendor-js: $1 has no $2" >&2
    exit 1
  fi
  cp "$src" "$dest/$3"
}

copy vega build/vega.min.js vega.min.js
copy vega LICENSE vega.LICENSE
copy vega-lite build/vega-lite.min.js vega-lite.min.js
copy vega-lite LICENSE vega-lite.LICENSE
copy vega-embed build/vega-embed.min.js vega-embed.min.js
copy vega-embed LICENSE vega-embed.LICENSE
# vega-interpreter 2 ships as an ES module only; bundle it (with the few
# vega-util helpers it imports) into one classic script that defines the global
# `vegaInterpreter`, so pages load it like the others.
echo 'export { expressionInterpreter } from "vega-interpreter";' > interp-entry.mjs
npx --no-install esbuild interp-entry.mjs --bundle --minify --format=iife \
  --global-name=vegaInterpreter --log-level=warning \
  --outfile="$dest/vega-interpreter.min.js"
copy vega-interpreter LICENSE vega-interpreter.LICENSE
copy vega-util LICENSE vega-util.LICENSE
copy cytoscape dist/cytoscape.min.js cytoscape.min.js
copy cytoscape LICENSE cytoscape.LICENSE

{
  echo "Vendored browser libraries (scripts/vendor-js.sh):"
  echo "vega $VEGA"
  echo "vega-lite $VEGA_LITE"
  echo "vega-embed $VEGA_EMBED"
  echo "vega-interpreter $VEGA_INTERPRETER"
  echo "cytoscape $CYTOSCAPE"
} > "$dest/VERSIONS.txt"
echo "vendored into $dest"
