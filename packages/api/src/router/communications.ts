import { createTRPCRouter } from "../trpc";

export const communicationsRouter = createTRPCRouter({});
