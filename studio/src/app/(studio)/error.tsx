'use client';

import { useEffect } from 'react';

/** Anything unexpected on a studio screen: say so plainly and offer to try again. */
export default function StudioError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="card stack" role="alert" style={{ maxWidth: 560 }}>
      <h1>This screen ran into a problem</h1>
      <p>Nothing was changed. Try again; if it keeps happening, send the team the time it happened{error.digest ? ` and this code: ${error.digest}` : ''}.</p>
      <div className="row">
        <button type="button" className="primary" onClick={reset}>
          Try again
        </button>
        <a className="button" href="/">
          Back to the dashboard
        </a>
      </div>
    </div>
  );
}
