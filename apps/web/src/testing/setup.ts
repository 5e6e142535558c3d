/**
 * Vitest setup for the dashboard's component tests. `findBy*` and `waitFor` give up after
 * 1 s by default: on a two-core CI machine running every package's tests at once, a first
 * render with its requests took longer (tests that pass quickly are not slowed by this).
 */
import { configure } from "@testing-library/react";

configure({ asyncUtilTimeout: 10_000 });
