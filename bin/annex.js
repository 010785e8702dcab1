#!/usr/bin/env node
// Entry point of the `annex` command: the compiled CLI in dist/ (built by `npm install`).
import '../dist/cli/run.js';
