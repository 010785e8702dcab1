export const incidentBodies = {} as const;
