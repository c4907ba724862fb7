import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="card narrow">
      <title>Page not found · Taskmgr</title>
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link href="/">Go to your tasks</Link>
    </div>
  );
}
