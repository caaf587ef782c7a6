#!/usr/bin/env bash
# Rebuilds src/Jingzhun.Web/wwwroot/lib/echarts/echarts.jingzhun.min.js (the global `echarts`, as the full builds give)
# from the pinned npm packages. Needs node and npm; node_modules stays here and is ignored by git.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund
out=../../src/Jingzhun.Web/wwwroot/lib/echarts/echarts.jingzhun.min.js
npx esbuild entry.js --bundle --minify --format=iife --global-name=echarts --target=es2017 \
  --legal-comments=none --banner:js="/*! Apache ECharts 5.6.0 (Apache-2.0, see LICENSE): bar, line, pie; title, tooltip, legend, grid, markPoint; canvas. Built by tools/echarts/build.sh */" \
  --outfile="$out"
ls -l "$out"
