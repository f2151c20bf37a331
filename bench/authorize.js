#!/usr/bin/env node
// One-shot `authorize(doc)` (the library call for one authorize document) over the public corpus
// mix, over dist/. Peers measured in the same run: the compiled engine with everything prepared
// (the floor), and the eager path authorize took before (compile, prepare, explain every time).
// Per document: CPU time (steadier on a busy machine) and wall time. Prints numbers; asserts nothing.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { authorize } from '../dist/iam/authorize.js';
import { authorize as authorizeInput } from '../dist/library.js';
import { compilePolicySet, evaluate, prepareRequest } from '../dist/iam/index.js';
import { loadAuthorizeFile } from '../dist/load/authorize.js';
import { CORPUS_ABSENT, corpusDir } from '../scripts/corpus.mjs';
import { rate } from './rate.js';

const CORPUS = process.argv[2] ?? corpusDir('iam');
if (!CORPUS) {
  console.log(CORPUS_ABSENT);
  process.exit(0);
}

// This bench's lines: µs per document, a wider label column.
const time = (label, n, fn, opts = {}) => rate(label, n, fn, { warm: Math.min(n, 20_000), width: 58, micro: true, ...opts });
const ratio = (label, slow, fast) => console.log(`  ${label}: ${(slow / fast).toFixed(1)}x`);

const files = readdirSync(CORPUS)
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort()
  .map((f) => join(CORPUS, f));
const docs = files.flatMap((f) => loadAuthorizeFile(f)).filter((d) => d.request);
const at = (i) => docs[i % docs.length];
// Fresh copies of every document (new policy and request objects): nothing to reuse.
const COPIES = 40;
const copy = (d) => structuredClone({ ...d, policies: undefined, location: undefined });
const freshSet = () =>
  Array.from({ length: COPIES }, () =>
    docs.map((d) => {
      const c = copy(d);
      const mapDoc = (p) => (p ? { ...p, json: structuredClone(p.json) } : p);
      const level = (l) => ({ orgIdentifier: l.orgIdentifier, policies: l.policies.map(mapDoc) });
      const p = d.policies;
      return {
        ...c,
        location: d.location,
        policies: {
          ...p,
          identity: (p.identity ?? []).map(mapDoc),
          session: (p.session ?? []).map(mapDoc),
          scp: (p.scp ?? []).map(level),
          rcp: (p.rcp ?? []).map(level),
          ...(p.boundary ? { boundary: mapDoc(p.boundary) } : {}),
          ...(p.resource ? { resource: mapDoc(p.resource) } : {}),
        },
      };
    }),
  ).flat();
const fresh = freshSet();
const freshPeer = freshSet();

console.log(`${docs.length} corpus documents, round robin`);
const prepared = docs.map((d) => ({ set: compilePolicySet(d.policies).set, req: prepareRequest(d.request) }));
const floor = time('peer: compiled engine, set and request prepared', 2_000_000, (i) =>
  evaluate(prepared[i % prepared.length].set, prepared[i % prepared.length].req),
);
const eager = time('peer: compile + prepare + evaluate with explanation', 100_000, (i) => {
  const d = at(i);
  return evaluate(compilePolicySet(d.policies).set, prepareRequest(d.request), { explain: true });
});
const same = time('authorize(doc), the same document objects again', 1_000_000, (i) => authorize(at(i)).decision);
const sameRead = time('authorize(doc), same objects, explanation read', 200_000, (i) => authorize(at(i)).explain.summary);
// keycard authorize prints the summary of every document: one evaluation that explains.
const onceRead = time(
  'authorize(doc, {explain}), same objects, summary read',
  200_000,
  (i) => authorize(at(i), { explain: true }).explain.summary,
);
// Warm code, cold objects: the same documents, as new objects never passed before.
const first = time(`authorize(doc), new objects each time (${fresh.length})`, fresh.length, (i) => authorize(fresh[i]).decision, {
  warm: 0,
});
const eagerFresh = time(
  `peer: the eager path on new objects (${fresh.length})`,
  fresh.length,
  (i) => {
    const d = freshPeer[i];
    return evaluate(compilePolicySet(d.policies).set, prepareRequest(d.request), { explain: true });
  },
  { warm: 0 },
);
const again = time(`authorize(doc), those ${fresh.length} objects again`, fresh.length, (i) => authorize(fresh[i]).decision, { warm: 0 });
// A one-shot caller as it is: a Lambda parses its event (the library's plain JSON input) and
// authorizes it, new objects every call. Peer in the same run: the JSON.parse alone.
const named = (p) => ({ name: p.name, json: p.json });
const level = (l) => ({ orgIdentifier: l.orgIdentifier, policies: l.policies.map(named) });
const events = docs.map((d) => {
  const p = d.policies;
  const policies = {
    identity: (p.identity ?? []).map(named),
    session: (p.session ?? []).map(named),
    scp: (p.scp ?? []).map(level),
    rcp: (p.rcp ?? []).map(level),
  };
  if (p.boundary) policies.boundary = named(p.boundary);
  if (p.resource) policies.resource = named(p.resource);
  if (p.resourceKind) policies.resourceKind = p.resourceKind;
  return JSON.stringify({ id: d.id, policies, request: d.request });
});
// The one-shot figure is a difference of two timings, so it is taken in paired rounds (parse alone,
// then parse and authorize) and the median of the rounds' differences is reported.
const ROUNDS = 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const rounds = Array.from({ length: ROUNDS }, () => {
  const p = time('', 100_000, (i) => JSON.parse(events[i % events.length]), { quiet: true });
  const a = time('', 100_000, (i) => authorizeInput(JSON.parse(events[i % events.length])).decision, { quiet: true });
  return { parseOnly: p, parsed: a, oneShot: a - p };
});
const parseOnly = median(rounds.map((r) => r.parseOnly));
const parsed = median(rounds.map((r) => r.parsed));
const oneShot = median(rounds.map((r) => r.oneShot));
const spread = rounds.map((r) => r.oneShot / 1000).sort((a, b) => a - b);
console.log(
  `${'peer: JSON.parse of the event alone'.padEnd(58)} ${(parseOnly / 1000).toFixed(2)} µs cpu each (median of ${ROUNDS} rounds)`,
);
console.log(
  `${'JSON.parse + library authorize(input), new objects'.padEnd(58)} ${(parsed / 1000).toFixed(2)} µs cpu each (median of ${ROUNDS} rounds)`,
);
console.log(
  `${'  authorize alone (the difference), per round'.padEnd(58)} ${(oneShot / 1000).toFixed(2)} µs median; ${spread[0].toFixed(2)}–${spread[ROUNDS - 1].toFixed(2)} µs`,
);
ratio('authorize, same objects, vs the eager peer (faster by)', eager, same);
ratio('authorize, new objects, vs the eager peer on new objects (faster by)', eagerFresh, first);
ratio('authorize, same objects, vs the compiled engine (slower by)', same, floor);
ratio('explanation read vs not read', sameRead, same);
ratio('explanation read: lazy (two evaluations) vs {explain: true} (one), faster by', sameRead, onceRead);
ratio('new objects, first time vs passed again', first, again);
ratio('authorize from JSON (parse excluded) vs the eager peer on new objects (faster by)', eagerFresh, oneShot);
console.log(
  `\ntarget: one-shot authorize(doc) ≤ 8 µs per document; now ${(oneShot / 1000).toFixed(2)} µs cpu (new objects from JSON, parse excluded), ` +
    `${(same / 1000).toFixed(2)} µs cpu (same objects), ${(first / 1000).toFixed(2)} µs cpu (new objects built in advance, the 40 copies)`,
);
console.log('before (issue 17, same machine): 232 µs on new objects, 7.8 µs on the same objects; the eager peer 115 µs');
