import { createTRPCRouter } from "../trpc";

export const industryRouter = createTRPCRouter({});
