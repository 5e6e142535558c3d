/**
 * Toasts: a tiny store any code can push to (the query client's error handler, a page after a
 * save) and one <Toaster> renders. Errors stay until dismissed; other messages go after 4 s.
 */
import { useSyncExternalStore } from "react";

export interface Toast {
  id: number;
  kind: "success" | "error" | "info";
  message: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function dismissToast(id: number) {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

function push(kind: Toast["kind"], message: string) {
  const id = nextId++;
  // The same message twice in a row (a retried request) shows once.
  if (toasts.at(-1)?.message === message) return id;
  toasts = [...toasts.slice(-4), { id, kind, message }];
  emit();
  if (kind !== "error") setTimeout(() => dismissToast(id), 4000);
  return id;
}

export const toast = {
  success: (message: string) => push("success", message),
  error: (message: string) => push("error", message),
  info: (message: string) => push("info", message),
};

export function useToasts(): Toast[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
  );
}
