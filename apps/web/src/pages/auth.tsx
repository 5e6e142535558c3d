/** Sign-in and sign-up: one card each, with the server's reason when it refuses. */
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useState } from "react";
import { Button } from "../components/button";
import { TextField } from "../components/field";
import { signIn, signUp } from "../lib/auth";
import { errorMessage } from "../lib/errors";

function AuthCard({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-50 px-4 py-12">
      <div className="w-full max-w-sm">
        <p className="text-center text-2xl font-semibold text-indigo-700">Flynn</p>
        <p className="mt-1 text-center text-sm text-slate-600">Your calls, turned into calendar events.</p>
        <div className="mt-8 rounded-lg bg-white p-6 shadow-xs ring-1 ring-slate-200">
          <h1 className="text-lg font-semibold text-slate-900">{title}</h1>
          {children}
        </div>
        <p className="mt-4 text-center text-sm text-slate-600">{footer}</p>
      </div>
    </main>
  );
}

/** The form's fields, then the server's reason for refusing them, then its button. */
function AuthForm({
  onSubmit,
  error,
  busy,
  submitLabel,
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  error: string | null;
  busy: boolean;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form className="mt-4 space-y-4" onSubmit={onSubmit}>
      {children}
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" busy={busy}>
        {submitLabel}
      </Button>
    </form>
  );
}

/** Runs the form's request; its error (the server's message) shows above the button. */
function useSubmit(run: (form: FormData) => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await run(new FormData(event.currentTarget));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };
  return { error, busy, onSubmit };
}

export function SignInPage() {
  const navigate = useNavigate();
  const { redirect } = useSearch({ from: "/sign-in" });
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    await signIn({ email: String(form.get("email")), password: String(form.get("password")) });
    await navigate({ to: redirect ?? "/" });
  });
  return (
    <AuthCard
      title="Sign in"
      footer={
        <>
          New to Flynn?{" "}
          <Link to="/sign-up" className="font-medium text-indigo-700 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      <AuthForm onSubmit={onSubmit} error={error} busy={busy} submitLabel="Sign in">
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required />
      </AuthForm>
    </AuthCard>
  );
}

export function SignUpPage() {
  const navigate = useNavigate();
  const { error, busy, onSubmit } = useSubmit(async (form) => {
    await signUp({
      name: String(form.get("name")),
      email: String(form.get("email")),
      password: String(form.get("password")),
    });
    await navigate({ to: "/onboarding" });
  });
  return (
    <AuthCard
      title="Create your account"
      footer={
        <>
          Already have an account?{" "}
          <Link to="/sign-in" className="font-medium text-indigo-700 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <AuthForm onSubmit={onSubmit} error={error} busy={busy} submitLabel="Create account">
        <TextField label="Your name" name="name" autoComplete="name" required maxLength={200} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={128}
          hint="At least 8 characters."
        />
      </AuthForm>
    </AuthCard>
  );
}
