export const evidenceBodies = {} as const;
