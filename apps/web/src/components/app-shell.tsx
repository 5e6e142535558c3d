/**
 * The frame of every dashboard page: navigation (a sidebar from 1024 px, a menu button
 * below), the business's name, sign-out, a banner while a calendar needs reconnecting, and
 * the page itself.
 */
import { Link, Outlet, useNavigate, useRouterState } from "@tanstack/react-router";
import { lazy, Suspense, useState } from "react";
import { signOut } from "../lib/auth";
import { errorMessage } from "../lib/errors";
import { useProfile } from "../lib/profile";
import { toast } from "../lib/toast";
import { Button } from "./button";
import { CalendarReconnectBanner } from "./calendar-banner";
import { SimulateCallButton } from "./simulate-call-button";

const LiveUpdates = lazy(() => import("./live-updates").then((m) => ({ default: m.LiveUpdates })));

const NAV = [
  { to: "/", label: "Dashboard" },
  { to: "/calls", label: "Calls" },
  { to: "/events", label: "Events" },
  { to: "/communications", label: "Communications" },
  { to: "/audit", label: "Audit log" },
  { to: "/settings", label: "Settings" },
] as const;

function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  return (
    <ul className="space-y-1">
      {NAV.map((item) => (
        <li key={item.to}>
          <Link
            to={item.to}
            onClick={onNavigate}
            activeOptions={{ exact: item.to === "/" }}
            className="block rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 data-[status=active]:bg-indigo-50 data-[status=active]:text-indigo-700"
          >
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function AppShell() {
  const profile = useProfile().data;
  const navigate = useNavigate();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  // A page change closes the mobile menu.
  const [menuPath, setMenuPath] = useState(pathname);
  if (menuPath !== pathname) {
    setMenuPath(pathname);
    setMenuOpen(false);
  }

  const onSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
      // Signing out is deliberate: an unsaved draft does not hold it back half done.
      await navigate({ to: "/sign-in", ignoreBlocker: true });
    } catch (error) {
      toast.error(errorMessage(error));
      setSigningOut(false);
    }
  };

  return (
    <div className="min-h-screen bg-slate-50">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 hidden w-60 flex-col border-r border-slate-200 bg-white lg:flex">
        <div className="px-5 py-5">
          <Link to="/" className="text-lg font-semibold text-indigo-700">
            Flynn
          </Link>
          <p className="mt-0.5 truncate text-xs text-slate-500">{profile?.companyName}</p>
          <SimulateCallButton className="mt-3 w-full" />
        </div>
        <nav aria-label="Main" className="flex-1 px-3">
          <NavLinks />
        </nav>
        <div className="border-t border-slate-200 px-5 py-4">
          <p className="truncate text-xs text-slate-500">{profile?.email}</p>
          <Button variant="ghost" size="sm" className="mt-2 -ml-2" busy={signingOut} onClick={onSignOut}>
            Sign out
          </Button>
        </div>
      </aside>

      <header className="sticky top-0 z-30 flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <Link to="/" className="text-lg font-semibold text-indigo-700">
          Flynn
        </Link>
        <SimulateCallButton className="ml-auto mr-2" />
        <Button
          variant="secondary"
          size="sm"
          aria-expanded={menuOpen}
          aria-controls="mobile-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </Button>
      </header>
      {menuOpen ? (
        <nav id="mobile-nav" aria-label="Main" className="border-b border-slate-200 bg-white px-3 py-3 lg:hidden">
          <NavLinks onNavigate={() => setMenuOpen(false)} />
          <Button variant="ghost" size="sm" className="mt-2" busy={signingOut} onClick={onSignOut}>
            Sign out
          </Button>
        </nav>
      ) : null}

      <main id="main" className="px-4 py-6 sm:px-6 lg:ml-60 lg:px-8">
        <div className="mx-auto max-w-6xl">
          <CalendarReconnectBanner />
          <Outlet />
        </div>
      </main>
      <Suspense fallback={null}>
        <LiveUpdates />
      </Suspense>
    </div>
  );
}
