/** The roles a city's CA writes into the `tongban.role` certificate attribute. */
export const ROLES = ['clerk', 'reviewer', 'admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The certificate attribute that carries a caller's role. */
export const ROLE_ATTRIBUTE = 'tongban.role';

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
