// Types of the consent-terms package: the module that loads the widget, the <consent-terms>
// element, its options and every event's detail. The README is the prose of this contract;
// `tests/contract.rs` checks that this file names every attribute, event and error code the
// crate has (`core/src/contract.rs`), and the test command type-checks the README's host examples
// against it with `tsc`.

/** What `init` accepts: the wasm's URL, a `Response` (or a promise of one), its bytes or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/**
 * Loads the wasm and registers `<consent-terms>`. Resolves once the element is defined.
 * Without an argument the wasm is fetched from beside this module.
 */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<unknown>;

/** Registers `<consent-terms>` (done by `init`; later calls do nothing). */
export function defineElement(): void;

/**
 * Mounts the widget into `element`'s shadow root; events are dispatched on `element`. A widget
 * already mounted there is replaced: it is taken down, and its handle no longer does anything.
 */
export function mount(element: Element, options: ConsentTermsOptions): WidgetHandle;

/** A widget mounted with `mount`. */
export interface WidgetHandle {
  /** Applies new options (the same as changing the element's attributes); nothing once destroyed or replaced. */
  update(options: ConsentTermsOptions): void;
  /** Removes the widget from its element; nothing once replaced by another `mount` there. */
  destroy(): void;
  /** Frees the handle's memory in the wasm (after `destroy`). */
  free(): void;
}

/**
 * A boolean option: from code `true`/`false`; as an attribute `false`, `no`, `off` or `0` turn it
 * off. `<consent-terms-frame>` takes the same eight words and refuses any other (`attribute-refused`).
 */
export type Flag = boolean | 'true' | 'false' | 'yes' | 'no' | 'on' | 'off' | '1' | '0';

/** The `mount` options; the element's attributes are the same in kebab case (`require-scroll`). */
export interface ConsentTermsOptions {
  /** Provider key: `kingsoft`, `jdcloud`, `alibaba`, or one of the host's bundle. Required. */
  provider: string;
  /** Product keys, space separated (`cdn kmct`); none is a plain sign-up. */
  products?: string;
  /** `zh-CN` (or any Simplified Chinese tag) or English; default (or empty) the page's `<html lang>`. */
  lang?: string;
  /** Who signs up, as the host names them (goes into the receipt). */
  subject?: string;
  /** The host server's nonce for this sign-up (goes into the receipt's `nonce`). */
  challenge?: string;
  /**
   * @deprecated The former name of `challenge`, read for this release only (with a console
   * warning). As an attribute it is also HTML's CSP `nonce`, which React 19 sets as a property
   * only and a CSP header hides once the element is connected.
   */
  nonce?: string;
  /** Each agreement must be scrolled to its end by the person (default true). */
  requireScroll?: Flag;
  /** The highlighted clauses must be acknowledged by their own checkbox (default true). */
  requireAcknowledgement?: Flag;
  /** `checkbox` (default) or `button` ("Agree and register"). */
  mode?: 'checkbox' | 'button';
  /** URL of the agreements bundle (default `agreements.json`). */
  bundle?: string;
  /** Inside an iframe: the parent's origin, to which the receipt is also posted (never `*`). */
  postMessageOrigin?: string;
  /** The host's status endpoint for the signed-in subject, trusted over this browser's record. */
  statusUrl?: string;
  /** The legal name of the organisation the person signs up for: adds the authority box. */
  organization?: string;
  /** The host's identifier for that organisation. */
  organizationId?: string;
  /** Where "Ask about this clause" leads, opened in a new window with the clause in its query. */
  helpUrl?: string;
  /** Without `helpUrl`: the address "Ask about this clause" writes to (`mailto:`). */
  helpEmail?: string;
  /** The bundle file's pinned SHA-256, as in Subresource Integrity (`sha256-…`). */
  integrity?: string;
}

/** One agreement as events describe it. */
export interface AgreementDetail {
  id: string;
  version: string;
  /** Its content hash (canonical SHA-256, lower-case hex). */
  hash: string;
  title: string;
  /** How many highlighted clauses it has. */
  highlights: number;
}

/** `consent-ready`: the agreements to accept are shown; again, with the new `lang`, after the interface language changes. */
export interface ReadyDetail {
  provider: string;
  products: string[];
  lang: 'en' | 'zh-CN';
  agreements: AgreementDetail[];
}

/** `consent-change`: what is missing, whether acceptance is possible, the phase. */
export interface ChangeDetail {
  /** `read-to-end:<id>`, `acknowledge-highlights`, `authority`, `assent`. */
  missing: string[];
  canAccept: boolean;
  phase: 'open' | 'accepted' | 'declined';
  /** Present and true when everything was accepted before. */
  alreadyAccepted?: boolean;
}

/** An agreement in the signed record (see docs/receipts.md). */
export interface AgreementConsent {
  id: string;
  version: string;
  sha256: string;
  displayed_at: string | null;
  reached_end: boolean;
  acknowledged_highlights: string[];
  /** The day this version took effect; present when the receipt also accepts a version ahead. */
  effective?: string;
  /** Highlight ids the person asked about; present when they asked. */
  questions_asked?: string[];
}

/** The consent record a receipt signs (`consent-terms/receipt/v1`). */
export interface ConsentRecord {
  schema: 'consent-terms/receipt/v1';
  receipt_id: string;
  subject: string | null;
  audience: string;
  nonce: string | null;
  locale: string;
  accepted_at: string;
  assent: { mode: 'checkbox' | 'button'; wording: string };
  required: { read_to_end: boolean; acknowledge_highlights: boolean };
  agreements: AgreementConsent[];
  /** Announced versions accepted in the same act; present when one was. */
  accepted_ahead?: { id: string; version: string; sha256: string; effective: string }[];
  /** The organisation accepted for; present when the host named one. */
  organization?: { name: string; id: string | null; authority: string };
}

/** `consent-receipt`: the signed receipt, once per acceptance. */
export interface ReceiptDetail {
  /** The JWS compact serialization (ES256) for the backend. */
  jws: string;
  record: ConsentRecord;
  /** RFC 7638 thumbprint of the signing key. */
  keyThumbprint: string;
}

/** `consent-copy`: the person's copy of what they accepted, right after `consent-receipt`. */
export interface CopyDetail {
  /** The receipt the copy holds. */
  receiptId: string;
  /** `consent-<receipt id>.html`. */
  filename: string;
  /** One self-contained HTML file. */
  html: string;
}

/** `consent-declined`. */
export interface DeclinedDetail {
  declinedAt: string;
  agreements: AgreementDetail[];
}

/** `consent-question`: the person asked about a highlighted clause. */
export interface QuestionDetail {
  agreement: string;
  version: string;
  title: string;
  /** The clause's number as printed, if it has one. */
  clause: string | null;
  /** The highlight's id (`h3`). */
  highlight: string;
  kind: 'exemption' | 'limitation' | 'restriction';
  text: string;
  lang: 'en' | 'zh-CN';
  /** The `help-url` or `mailto:` address opened for it, if the host gave one. */
  opened: string | null;
}

/** The code of a `consent-error`. */
export type ErrorCode =
  | 'missing-attribute'
  | 'unknown-provider'
  | 'unknown-product'
  | 'no-agreement'
  | 'bundle-unreachable'
  | 'bundle-malformed'
  | 'bundle-invalid'
  | 'hash-mismatch'
  | 'integrity-mismatch'
  | 'rendered-mismatch'
  | 'styles-unavailable'
  | 'webcrypto-unavailable'
  | 'signing-failed'
  | 'frame-unavailable'
  | 'code-unavailable'
  | 'key-not-persisted'
  | 'storage-unavailable'
  | 'status-unavailable'
  | 'prerender-mismatch'
  | 'attribute-refused';

/** `consent-error`: an error, or with `severity: "warning"` a warning (the receipt is still emitted). */
export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  severity?: 'warning';
}

/** The events of `<consent-terms>` (bubbling, composed `CustomEvent`s). */
export interface ConsentTermsEventMap {
  'consent-ready': CustomEvent<ReadyDetail>;
  'consent-change': CustomEvent<ChangeDetail>;
  'consent-receipt': CustomEvent<ReceiptDetail>;
  'consent-copy': CustomEvent<CopyDetail>;
  'consent-declined': CustomEvent<DeclinedDetail>;
  'consent-question': CustomEvent<QuestionDetail>;
  'consent-error': CustomEvent<ErrorDetail>;
}

/** The `<consent-terms>` element. Its attributes are the options in kebab case. */
export interface ConsentTermsElement extends HTMLElement {
  /**
   * The `challenge` attribute (the host server's nonce for this sign-up), as a property that
   * reflects to it. A value set before the element is defined is kept.
   */
  challenge: string | null;
  addEventListener<K extends keyof ConsentTermsEventMap>(
    type: K,
    listener: (this: ConsentTermsElement, event: ConsentTermsEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof ConsentTermsEventMap>(
    type: K,
    listener: (this: ConsentTermsElement, event: ConsentTermsEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/**
 * `<consent-terms-frame>` (isolated mode, `consent-terms-frame.js`): the same attributes and
 * events as `<consent-terms>`, plus `src`, the URL of `frame.html` on the widget's own origin.
 * Without a `lang` (or with an empty one) the widget takes the host page's `<html lang>`, and
 * follows it when it changes.
 */
export type ConsentTermsFrameElement = ConsentTermsElement;

declare global {
  interface HTMLElementTagNameMap {
    'consent-terms': ConsentTermsElement;
    'consent-terms-frame': ConsentTermsFrameElement;
  }
  // The events bubble and leave the shadow root: a listener on the document hears them too.
  interface DocumentEventMap extends ConsentTermsEventMap {}
}
