// The text probe of every benchmark page (tools/bench/bench.mjs inlines it into each head).
// Text visible: the first frame in which the first clause of the first agreement has a box,
// in the page or in the first element's shadow root (the same probe on every page).
(function probe() {
  const host = document.querySelector('consent-terms');
  const root = host ? host.shadowRoot : document;
  const clause = root && root.querySelector('article .ct-clause');
  if (clause && clause.getClientRects().length) window.__textVisible = performance.now();
  else requestAnimationFrame(probe);
})();
