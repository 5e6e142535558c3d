// What the globalSetup hands to every test file (see global-setup.ts).
export {};

declare module "vitest" {
  export interface ProvidedContext {
    flynnTestDatabase: { adminUrl: string; template: string };
  }
}
