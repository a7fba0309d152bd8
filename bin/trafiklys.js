#!/usr/bin/env node
'use strict';
// Thin launcher: the compiled CLI lives in lib/ (built by `npm run prepare`, which `npm ci` runs).
require('../lib/cli/main.js').main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
