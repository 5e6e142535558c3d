import { createTRPCRouter } from "../trpc";

export const statsRouter = createTRPCRouter({});
