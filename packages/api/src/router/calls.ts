import { createTRPCRouter } from "../trpc";

export const callsRouter = createTRPCRouter({});
