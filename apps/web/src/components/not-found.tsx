import { Link } from "@tanstack/react-router";
import { buttonClass } from "./button";

export function NotFound() {
  return (
    <main className="mx-auto max-w-md px-6 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">This page does not exist</h1>
      <p className="mt-2 text-sm text-slate-600">The link may be old, or the item was deleted.</p>
      <Link to="/" className={`${buttonClass()} mt-6`}>
        Back to the dashboard
      </Link>
    </main>
  );
}
