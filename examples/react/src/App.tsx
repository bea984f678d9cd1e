import { useEffect, useState, type MouseEvent } from 'react';
import { SignUp } from './SignUp';

// Two routes without a router library: the sign-up page, which mounts the widget, and a page
// without it, so that going from one to the other unmounts and remounts <consent-terms>.
export function App() {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const back = () => setPath(location.pathname);
    addEventListener('popstate', back);
    return () => removeEventListener('popstate', back);
  }, []);
  const go = (to: string) => (e: MouseEvent) => {
    e.preventDefault();
    history.pushState(null, '', to + location.search);
    setPath(to);
  };
  return (
    <>
      <nav>
        <a href="/" onClick={go('/')}>Sign up</a> · <a href="/plans" onClick={go('/plans')}>Plans</a>
      </nav>
      <main>
        {path === '/plans' ? (
          <section>
            <h1>Plans</h1>
            <p>Pay as you go: CDN traffic from 0.02 per GB.</p>
          </section>
        ) : (
          <SignUp />
        )}
      </main>
    </>
  );
}
