#!/usr/bin/env node
// Native IAM engine vs Cedar on the same requests (the translatable part of the IAM corpus), over
// dist/ (run `npx tsc -p .` first). Prints numbers and the ratio; asserts nothing.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { authorizeWithCedarSync } from '../dist/cedar/engines.js';
import { translateDocument } from '../dist/cedar/translate/document.js';
import { authorizePrepared, loadCedar, preparePolicySet } from '../dist/cedar/wasm.js';
import { compilePolicySet, evaluate, prepareRequest } from '../dist/iam/index.js';
import { loadAuthorizeFile } from '../dist/load/authorize.js';
import { CORPUS_ABSENT, corpusDir } from '../scripts/corpus.mjs';

const CORPUS = process.argv[2] ?? corpusDir('iam');
if (!CORPUS) {
  console.log(CORPUS_ABSENT);
  process.exit(0);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2000);

function timeIt(n, fn) {
  for (let i = 0; i < Math.min(n, 500); i++) fn(i); // warm-up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return Number(process.hrtime.bigint() - t0) / n;
}

function line(label, ns) {
  console.log(`${label.padEnd(52)} ${(1e9 / ns).toFixed(0).padStart(9)} /s   (${(ns / 1000).toFixed(1)} µs each)`);
}

await loadCedar();
const docs = readdirSync(CORPUS)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort()
  .flatMap((f) => loadAuthorizeFile(join(CORPUS, f)))
  .filter((d) => d.request);
const comparable = docs.filter((d) => 'decision' in authorizeWithCedarSync(d));
console.log(
  `${comparable.length} of ${docs.length} corpus documents are translatable; each side decides the same ${comparable.length} requests\n`,
);

// Decision only: both engines with everything prepared (native: compiled set + prepared request;
// Cedar: translated, pre-parsed set + request objects).
const native = comparable.map((d) => ({ set: compilePolicySet(d.policies).set, req: prepareRequest(d.request) }));
const cedarCases = comparable.map((d) => {
  const t = translateDocument(d);
  const set = preparePolicySet({ texts: t.policies });
  return { id: set.id, request: t.request };
});
const nativeNs = timeIt(ROUNDS * 20, (i) => evaluate(native[i % native.length].set, native[i % native.length].req));
const cedarNs = timeIt(ROUNDS, (i) => authorizePrepared(cedarCases[i % cedarCases.length].id, cedarCases[i % cedarCases.length].request));
line('native evaluate (prepared)', nativeNs);
line('cedar statefulIsAuthorized (pre-parsed)', cedarNs);
console.log(`ratio: Cedar takes ${(cedarNs / nativeNs).toFixed(1)}× the native engine's time per decision\n`);

// End to end from the document: native compile + evaluate vs translate + (cached) parse + evaluate.
const nativeE2e = timeIt(ROUNDS, (i) => {
  const d = comparable[i % comparable.length];
  evaluate(compilePolicySet(d.policies).set, prepareRequest(d.request));
});
const cedarE2e = timeIt(ROUNDS, (i) => authorizeWithCedarSync(comparable[i % comparable.length]));
line('native end to end (compile + evaluate)', nativeE2e);
line('cedar end to end (translate + cached parse + evaluate)', cedarE2e);
console.log(`ratio: ${(cedarE2e / nativeE2e).toFixed(1)}×`);
