// What a hostile host page tries against the widget, shared by tools/e2e/isolated.mjs and
// tools/e2e/hostile.mjs.

// Every event handler content attribute of the HTML standard (GlobalEventHandlers,
// WindowEventHandlers, DocumentAndElementEventHandlers, with those other standards add to
// GlobalEventHandlers: animations, transitions, pointer and touch events, selection).
// `handlerNames` adds whatever else the browser running the test knows.
export const EVENT_HANDLERS = [
  'onabort', 'onauxclick', 'onbeforeinput', 'onbeforematch', 'onbeforetoggle', 'onblur', 'oncancel',
  'oncanplay', 'oncanplaythrough', 'onchange', 'onclick', 'onclose', 'oncommand', 'oncontextlost',
  'oncontextmenu', 'oncontextrestored', 'oncopy', 'oncuechange', 'oncut', 'ondblclick', 'ondrag',
  'ondragend', 'ondragenter', 'ondragleave', 'ondragover', 'ondragstart', 'ondrop',
  'ondurationchange', 'onemptied', 'onended', 'onerror', 'onfocus', 'onformdata', 'oninput',
  'oninvalid', 'onkeydown', 'onkeypress', 'onkeyup', 'onload', 'onloadeddata', 'onloadedmetadata',
  'onloadstart', 'onmousedown', 'onmouseenter', 'onmouseleave', 'onmousemove', 'onmouseout',
  'onmouseover', 'onmouseup', 'onpaste', 'onpause', 'onplay', 'onplaying', 'onprogress',
  'onratechange', 'onreset', 'onresize', 'onscroll', 'onscrollend', 'onsecuritypolicyviolation',
  'onseeked', 'onseeking', 'onselect', 'onslotchange', 'onstalled', 'onsubmit', 'onsuspend',
  'ontimeupdate', 'ontoggle', 'onvolumechange', 'onwaiting', 'onwebkitanimationend',
  'onwebkitanimationiteration', 'onwebkitanimationstart', 'onwebkittransitionend', 'onwheel',
  // WindowEventHandlers
  'onafterprint', 'onbeforeprint', 'onbeforeunload', 'onhashchange', 'onlanguagechange',
  'onmessage', 'onmessageerror', 'onoffline', 'ononline', 'onpagehide', 'onpagereveal',
  'onpageshow', 'onpageswap', 'onpopstate', 'onrejectionhandled', 'onstorage',
  'onunhandledrejection', 'onunload',
  // CSS animations and transitions, pointer events, touch events, selection
  'onanimationstart', 'onanimationiteration', 'onanimationend', 'onanimationcancel',
  'ontransitionrun', 'ontransitionstart', 'ontransitionend', 'ontransitioncancel',
  'onpointerover', 'onpointerenter', 'onpointerdown', 'onpointermove', 'onpointerrawupdate',
  'onpointerup', 'onpointercancel', 'onpointerout', 'onpointerleave', 'ongotpointercapture',
  'onlostpointercapture', 'ontouchstart', 'ontouchend', 'ontouchmove', 'ontouchcancel',
  'onselectstart', 'onselectionchange',
];
// A page script that returns EVENT_HANDLERS with every other `on…` property the browser's
// elements, documents and windows have.
export const HANDLER_NAMES_SCRIPT = `const names = new Set(${JSON.stringify(EVENT_HANDLERS)});
  for (const o of [HTMLElement.prototype, Element.prototype, Document.prototype, Window.prototype, window, document.body])
    for (const k of Object.getOwnPropertyNames(o)) if (/^on[a-z]+$/.test(k)) names.add(k);
  return [...names];`;

// From the host page (the driver at its top, the widget shown in its frame): posts to the frame,
// as any script of the host page can, every event handler attribute, a `style` that starts a
// transition, and `javascript:` URLs, twice (the style changes between the two, so a transition
// would run), then presses keys and clicks inside the frame so that a handler set would fire.
// The code of each would tell the host (`consent-terms:pwned`) and mark the frame's window.
// Returns what the host heard and what the frame holds.
export async function injectFrameAttributes(d, termsOrigin, frameScript) {
  const names = await d.exec(HANDLER_NAMES_SCRIPT);
  await d.exec(`
    const [names, origin] = arguments;
    window.pwned = [];
    window.addEventListener('message', (e) => { if (e.data && e.data.type === 'consent-terms:pwned') window.pwned.push(e.data.name); });
    const frame = document.querySelector('consent-terms-frame').shadowRoot.querySelector('iframe');
    const code = (name) => "window.pwned = true; parent.postMessage({ type: 'consent-terms:pwned', name: '" + name + "' }, '*')";
    const send = (opacity) => {
      const attributes = {
        style: 'transition: opacity 20ms linear; opacity: ' + opacity,
        bundle: 'javascript:' + code('bundle'),
        'help-url': 'javascript:' + code('help-url'),
      };
      for (const name of names) attributes[name] = code(name);
      frame.contentWindow.postMessage({ type: 'consent-terms:attributes', attributes }, origin);
    };
    send(1);
    setTimeout(() => send(0.5), 300);`, [names, termsOrigin]);
  await new Promise((r) => setTimeout(r, 800));
  await d.frame(frameScript);
  const KEYS = { Tab: '\uE004', End: '\uE010', Space: '\uE00D' };
  for (const k of [KEYS.Tab, KEYS.Tab, KEYS.End, KEYS.Space]) await d.press(k);
  await d.cmd('POST', '/actions', { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
    { type: 'pointerMove', x: 40, y: 40, origin: 'viewport' }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 },
    { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }] });
  await d.cmd('DELETE', '/actions');
  await new Promise((r) => setTimeout(r, 500));
  const inFrame = await d.exec(`const e = document.querySelector('consent-terms');
    return { attributes: e ? e.getAttributeNames() : null, pwned: window.pwned === true };`);
  await d.top();
  const heard = await d.exec(`return {
    pwned: window.pwned,
    refused: window.consentEvents.filter((e) => e.name === 'consent-error' && e.detail.code === 'attribute-refused')
      .map((e) => (/attribute "([^"]+)"/.exec(e.detail.message) || [])[1]),
  };`);
  return { names: [...names, 'style', 'bundle', 'help-url'], inFrame, heard };
}
