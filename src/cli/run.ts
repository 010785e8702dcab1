#!/usr/bin/env node
/** Runs the CLI from source (tests, development); bin/annex.js runs the compiled copy. */
import { main } from './main.js';

process.exitCode = await main(process.argv);
