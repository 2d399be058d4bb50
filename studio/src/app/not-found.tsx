import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="signin-wrap">
      <div className="card stack">
        <h1>This page does not exist</h1>
        <p className="muted">The link may be old, or the item was removed.</p>
        <Link href="/" className="button primary">
          Go to the dashboard
        </Link>
      </div>
    </main>
  );
}
