// What grows in the heap of a page that mounts and unmounts the release widget, by kind of
// heap node: mounts it as tools/e2e/mounts.mjs does (tools/e2e/heap.mjs), takes a heap snapshot
// after forced collections after mount A and after mount B, and prints the change of each
// (node type, name) pair's self size and count, largest first, and the total. A leak shows as
// objects of the page (closures, elements, strings, a constructor's instances) whose count
// grows with the mounts; code the engine compiles as paths grow hot shows as `code` nodes and
// as the wasm module's native code.
// usage: node tools/e2e/heapdiff.mjs DIST_DIR CHROMIUM_PATH [A=50] [B=450] [ROWS=45]
import { collectedSnapshot, routeCycle, routePage } from './heap.mjs';

const [dist, executablePath, aArg = '50', bArg = '450', rowsArg = '45'] = process.argv.slice(2);
const { server, browser, p, cdp } = await routePage(dist, executablePath, 'heapdiff');
const agg = (snapshot) => {
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const m = new Map();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const t = types[snapshot.nodes[i + type]];
    let n = snapshot.strings[snapshot.nodes[i + name]];
    if (t === 'string' || t === 'concatenated string' || t === 'sliced string') n = n.slice(0, 50);
    const k = `${t}|${n}`;
    const e = m.get(k) || [0, 0]; e[0] += snapshot.nodes[i + size]; e[1]++; m.set(k, e);
  }
  return m;
};
let done = 0;
const run = async (to) => { while (done < to) { await routeCycle(p); done++; } };
await run(Number(aArg));
const A = agg((await collectedSnapshot(p, cdp)).snapshot);
await run(Number(bArg));
const B = agg((await collectedSnapshot(p, cdp)).snapshot);
const rows = [];
for (const [k, [s, c]] of B) { const [s0, c0] = A.get(k) || [0, 0]; if (s !== s0 || c !== c0) rows.push([s - s0, c - c0, k]); }
for (const [k, [s0, c0]] of A) if (!B.has(k)) rows.push([-s0, -c0, k]);
rows.sort((x, y) => Math.abs(y[0]) - Math.abs(x[0]));
let tot = 0; for (const r of rows) tot += r[0];
console.log(`total self-size change ${aArg} -> ${bArg}: ${tot} B`);
for (const r of rows.slice(0, Number(rowsArg))) console.log(`${String(r[0]).padStart(8)} B ${String(r[1]).padStart(6)} n  ${r[2].slice(0, 110)}`);
await browser.close();
server.close();
