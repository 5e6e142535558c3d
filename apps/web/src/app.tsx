/** The dashboard's shell; its pages arrive with the web issue. */
export function App() {
  return (
    <main className="mx-auto max-w-2xl p-8">
      <h1 className="text-2xl font-semibold">Flynn</h1>
      <p className="mt-2 text-slate-600">Your calls, turned into calendar events.</p>
    </main>
  );
}
