import { useEffect, useRef } from 'react';
import init, { type ConsentTermsElement, type ErrorDetail, type ReceiptDetail } from 'consent-terms';
import type {} from 'consent-terms/react'; // <consent-terms> in JSX
// The agreements bundle, emitted by Vite beside the app's assets: its URL goes in `bundle`.
import bundle from 'consent-terms/agreements.json?url';

init(); // loads the wasm once and defines <consent-terms>

interface TermsProps {
  provider: string;
  products?: string;
  subject: string;
  /** The nonce the host's server issued for this sign-up. */
  challenge: string;
  onReceipt: (receipt: ReceiptDetail) => void;
  onError: (error: ErrorDetail) => void;
}

export function Terms({ provider, products, subject, challenge, onReceipt, onError }: TermsProps) {
  const ref = useRef<ConsentTermsElement>(null);
  useEffect(() => {
    const terms = ref.current!;
    const receipt = (e: CustomEvent<ReceiptDetail>) => onReceipt(e.detail);
    const error = (e: CustomEvent<ErrorDetail>) => onError(e.detail);
    terms.addEventListener('consent-receipt', receipt);
    terms.addEventListener('consent-error', error);
    return () => {
      terms.removeEventListener('consent-receipt', receipt);
      terms.removeEventListener('consent-error', error);
    };
  }, [onReceipt, onError]);
  return (
    <consent-terms ref={ref} provider={provider} products={products} subject={subject}
                   challenge={challenge} bundle={bundle} />
  );
}
