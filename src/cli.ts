#!/usr/bin/env node
import { guardPipes } from './cli/broken-pipe.js';
import { main } from './cli/main.js';

guardPipes();
process.exitCode = await main(process.argv);
