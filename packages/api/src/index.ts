export { type Context, createContext, type SessionUser } from "./context";
export { type AppRouter, appRouter, createCaller } from "./root";
export { subscriptionResponseMeta } from "./trpc";
