// `<consent-terms>` and `<consent-terms-frame>` in React 19 JSX (`.tsx`): every attribute,
// the `challenge` property, and a handler prop per event. Load it once in the app, for example
// with `/// <reference types="consent-terms/react" />` in a `.d.ts` of the app, or
// `import type {} from 'consent-terms/react';`. It needs React 19's types (`@types/react`).
//
// React 19 hands a custom element's props over as they are named: a prop the element has as
// a property (`challenge`) is set as that property, any other as an attribute, and a function
// prop named `on` + an event's name is added as that event's listener
// (`onconsent-receipt={(e) => …}`). The flags are therefore strings: React removes an
// attribute given `false`, which would leave the requirement at its default, on.

import type { DetailedHTMLProps, HTMLAttributes } from 'react';
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
  /** The host server's nonce for this sign-up (goes into the receipt's `nonce`): React sets the element's property, or the attribute before the element is defined; both reach the receipt. */
  challenge?: string;
  /** @deprecated Use `challenge`: React 19 sets `nonce` as HTML's CSP property only, so the receipt loses it. */
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

/** A listener prop per event: `onconsent-receipt`, `onconsent-change`, … */
export type ConsentTermsEventProps = {
  [K in keyof ConsentTermsEventMap as `on${K}`]?: (event: ConsentTermsEventMap[K]) => void;
};

/** What `<consent-terms>` takes in JSX: React's own props of an HTML element, the attributes, the events. */
export type ConsentTermsProps<E extends HTMLElement = ConsentTermsElement> =
  Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, 'lang' | 'nonce'>
  & ConsentTermsAttributes
  & ConsentTermsEventProps;

/** `<consent-terms-frame>` (isolated mode): the same, plus `src`, the URL of `frame.html` on the widget's own origin. */
export type ConsentTermsFrameProps = ConsentTermsProps<ConsentTermsFrameElement> & { src: string };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'consent-terms': ConsentTermsProps;
      'consent-terms-frame': ConsentTermsFrameProps;
    }
  }
}
