#!/usr/bin/env node
// XãSố command line: runs the server's bundle (scripts/server-bundle.mjs: built from the TypeScript sources on first
// use and after every change of them).
import { pathToFileURL } from 'node:url';
import { serverBundle } from '../scripts/server-bundle.mjs';

await import(pathToFileURL(await serverBundle()).href);
