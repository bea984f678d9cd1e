// Where the JS heap of a page that mounts and unmounts the release widget grows: the code V8
// compiles as the widget's paths get hot. Mounts it as tools/e2e/mounts.mjs does, takes a heap
// snapshot (after forced collections) after the first mount and after the last, and prints, per
// function (script:name), the bytes of its code in each: baseline (Sparkplug) code, optimised
// (Maglev or TurboFan) code, feedback vectors; then the totals by kind and CDP's JSHeapUsedSize.
// The glue's own names survive only in a build whose glue is not minified (esbuild's
// --minify-syntax --minify-whitespace instead of --minify in fold_glue); in dist/ as built,
// the functions show by their minified names.
// usage: node tools/e2e/heapcode.mjs DIST_DIR CHROMIUM_PATH [MOUNTS=200] [ROWS=40]
import { collectedSnapshot, routeCycle, routePage } from './heap.mjs';

const [dist, executablePath, mountsArg = '200', rowsArg = '40'] = process.argv.slice(2);
const MOUNTS = Number(mountsArg);
const { server, browser, p, cdp } = await routePage(dist, executablePath, 'heapcode');

// Per function, its code by kind, from a snapshot taken after forced collections.
async function codeByFunction() {
  const { snapshot: s } = await collectedSnapshot(p, cdp);
  const { node_fields: nf, edge_fields: ef, node_types: [types] } = s.snapshot.meta;
  const N = nf.length, E = ef.length;
  const [nT, nN, nS, nEC] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f));
  const [eName, eTo] = ['name_or_index', 'to_node'].map((f) => ef.indexOf(f));
  const count = s.nodes.length / N;
  const first = new Uint32Array(count + 1);
  for (let i = 0, e = 0; i < count; i++) { first[i] = e; e += s.nodes[i * N + nEC] * E; }
  first[count] = s.edges.length;
  const type = (i) => types[s.nodes[i * N + nT]];
  const name = (i) => s.strings[s.nodes[i * N + nN]];
  const size = (i) => s.nodes[i * N + nS];
  const edgeName = (e) => s.strings[s.edges[e + eName]] ?? '';
  const retainers = Array.from({ length: count }, () => []);
  for (let i = 0; i < count; i++) for (let e = first[i]; e < first[i + 1]; e += E) retainers[s.edges[e + eTo] / N].push(i);
  const edgeTo = (i, want) => {
    for (let e = first[i]; e < first[i + 1]; e += E) if (edgeName(e) === want) return s.edges[e + eTo] / N;
    return -1;
  };
  const SFI = 'system / SharedFunctionInfo';
  const scriptOf = (sfi) => {
    const script = edgeTo(sfi, 'script');
    const url = script < 0 ? -1 : edgeTo(script, 'name');
    return url < 0 ? '?' : name(url).split('/').pop() || '?';
  };
  // The function that owns a code object or feedback: its closure or its shared info.
  const owner = (i) => {
    for (const r of retainers[i]) {
      const sfi = name(r).startsWith(SFI) ? r : type(r) === 'closure' ? edgeTo(r, 'shared') : -1;
      if (sfi >= 0) return `${scriptOf(sfi)}:${name(sfi).slice(SFI.length + 3) || (type(r) === 'closure' && name(r)) || '(anonymous)'}`;
    }
    return null;
  };
  const out = new Map();
  const add = (who, kind, bytes) => {
    const row = out.get(who) ?? { baseline: 0, optimised: 0, feedback: 0 };
    row[kind] += bytes;
    out.set(who, row);
  };
  for (let i = 0; i < count; i++) {
    const n = name(i);
    if (n === 'system / Code') {
      let bytes = size(i), baseline = false, optimised = false;
      for (let e = first[i]; e < first[i + 1]; e += E) {
        const en = edgeName(e), to = s.edges[e + eTo] / N;
        if (en === 'interpreter_data') baseline = true;
        if (en === 'deoptimization_data' || en === 'source_position_table') optimised = true;
        if (['instruction_stream', 'bytecode_offset_table', 'source_position_table', 'deoptimization_data', 'relocation_info'].includes(en)) bytes += size(to);
      }
      const who = owner(i);
      if (who && (baseline || optimised)) add(who, baseline ? 'baseline' : 'optimised', bytes);
    } else if (n === 'system / FeedbackVector') {
      let who = null;
      for (const cell of retainers[i]) if (name(cell) === 'system / FeedbackCell') {
        for (const c of retainers[cell]) if (type(c) === 'closure') {
          const sfi = edgeTo(c, 'shared');
          if (sfi >= 0) who = `${scriptOf(sfi)}:${name(sfi).slice(SFI.length + 3) || name(c) || '(anonymous)'}`;
        }
      }
      add(who ?? '(feedback of no closure)', 'feedback', size(i));
    }
  }
  const { metrics } = await cdp.send('Performance.getMetrics');
  return { rows: out, used: metrics.find((m) => m.name === 'JSHeapUsedSize').value };
}

try {
  await routeCycle(p);
  const after1 = await codeByFunction();
  for (let i = 1; i < MOUNTS; i++) await routeCycle(p);
  const afterN = await codeByFunction();
  const kinds = ['baseline', 'optimised', 'feedback'];
  const zero = { baseline: 0, optimised: 0, feedback: 0 };
  const rows = [...new Set([...after1.rows.keys(), ...afterN.rows.keys()])].map((who) => {
    const a = after1.rows.get(who) ?? zero, b = afterN.rows.get(who) ?? zero;
    return { who, a, b, grew: kinds.reduce((t, k) => t + b[k] - a[k], 0) };
  }).sort((x, y) => y.grew - x.grew);
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  console.log(`code per function after mount 1 -> after mount ${MOUNTS} (baseline / optimised / feedback, bytes):`);
  for (const r of rows.slice(0, Number(rowsArg))) {
    console.log(`${kb(r.grew).padStart(9)}  ${r.who.slice(0, 70).padEnd(70)} ${kinds.map((k) => `${r.a[k]}->${r.b[k]}`).join(' / ')}`);
  }
  const total = (m, k) => [...m.rows.values()].reduce((t, r) => t + r[k], 0);
  console.log(`totals: ${kinds.map((k) => `${k} ${kb(total(after1, k))} -> ${kb(total(afterN, k))}`).join(', ')}`);
  console.log(`JSHeapUsedSize: ${kb(after1.used)} -> ${kb(afterN.used)} (${((afterN.used / after1.used - 1) * 100).toFixed(1)} %)`);
} finally {
  await browser.close();
  server.close();
}
