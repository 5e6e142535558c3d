import { createTRPCRouter } from "../trpc";

export const phoneNumbersRouter = createTRPCRouter({});
