// `<consent-terms>` and `<consent-terms-frame>` in Vue 3 templates, for `vue-tsc`: every
// attribute, the `challenge` property and the events (`@consent-receipt="…"`). Load it once in
// the app, for example with `/// <reference types="consent-terms/vue" />` in a `.d.ts` of the
// app, or `import type {} from 'consent-terms/vue';`. It needs Vue 3's types (`vue`). Vue
// itself must be told the tags are custom elements
// (`compilerOptions.isCustomElement: (tag) => tag.startsWith('consent-terms')`).
//
// Vue sets a bound value as the element's property where it has one (`:challenge`), else as
// an attribute. The flags are strings, as an attribute holds them.

import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type {
  ConsentTermsElement,
  ConsentTermsEventMap,
  ConsentTermsFrameElement,
} from './consent-terms.js';

/** A boolean attribute's text: `false`, `no`, `off` or `0` turn it off (the same on `<consent-terms-frame>`). */
export type FlagAttribute = 'true' | 'false' | 'yes' | 'no' | 'on' | 'off' | '1' | '0';

/** The attributes of `<consent-terms>`, as README's table lists them. */
export interface ConsentTermsAttributes {
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
  /** @deprecated Use `challenge`: a CSP header hides the `nonce` attribute once the element is connected. */
  nonce?: string;
  /** Each agreement must be scrolled to its end by the person (default on). */
  'require-scroll'?: FlagAttribute;
  /** The highlighted clauses must be acknowledged by their own checkbox (default on). */
  'require-acknowledgement'?: FlagAttribute;
  /** `checkbox` (default) or `button` ("Agree and register"). */
  mode?: 'checkbox' | 'button';
  /** URL of the agreements bundle (default `agreements.json`). */
  bundle?: string;
  /** Inside an iframe: the parent's origin, to which the receipt is also posted (never `*`). */
  'post-message-origin'?: string;
  /** The host's status endpoint for the signed-in subject, trusted over this browser's record. */
  'status-url'?: string;
  /** The legal name of the organisation the person signs up for: adds the authority box. */
  organization?: string;
  /** The host's identifier for that organisation. */
  'organization-id'?: string;
  /** Where "Ask about this clause" leads, opened in a new window with the clause in its query. */
  'help-url'?: string;
  /** Without `help-url`: the address "Ask about this clause" writes to (`mailto:`). */
  'help-email'?: string;
  /** The bundle file's pinned SHA-256, as in Subresource Integrity (`sha256-…`). */
  integrity?: string;
}

/** The listener props Vue compiles `@consent-receipt` and the like to. */
export type ConsentTermsEventProps = {
  [K in keyof ConsentTermsEventMap as `on${Capitalize<CamelCase<K>>}`]?: (event: ConsentTermsEventMap[K]) => void;
};

type CamelCase<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<CamelCase<B>>}` : S;

/** A custom element as Vue's template type checking reads a component: `$props` and `$emit`. */
export type VueCustomElement<E extends HTMLElement, Attributes> = new () => E & {
  /** @deprecated For template type checking only: not a property of the element. */
  $props: Omit<HTMLAttributes, keyof Attributes> & Attributes & ConsentTermsEventProps & PublicProps;
  /** @deprecated For template type checking only: not a property of the element. */
  $emit: EmitFn<{ [K in keyof ConsentTermsEventMap]: (event: ConsentTermsEventMap[K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'consent-terms': VueCustomElement<ConsentTermsElement, ConsentTermsAttributes>;
    'consent-terms-frame': VueCustomElement<ConsentTermsFrameElement, ConsentTermsAttributes & { src: string }>;
  }
}
