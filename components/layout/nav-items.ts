import type { Role } from "@/lib/domain/codes";

export interface NavItem {
  href: string;
  key: string;
  roles?: Role[];
}

/** The main navigation; each page checks permissions itself, this only hides what a role cannot use. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/", key: "home" },
  { href: "/dashboard", key: "dashboard" },
  { href: "/initiatives", key: "initiatives" },
  { href: "/reports", key: "reports", roles: ["OFFICER", "ADMIN"] },
  { href: "/review", key: "review", roles: ["LEADERSHIP", "ADMIN"] },
  { href: "/completeness", key: "completeness" },
  { href: "/building-blocks", key: "buildingBlocks" },
  { href: "/maturity-model", key: "maturityModel" },
  { href: "/audit", key: "audit" },
  { href: "/admin/users", key: "users", roles: ["ADMIN"] },
  { href: "/admin/organisations", key: "organisations", roles: ["ADMIN"] },
  { href: "/restructurings", key: "restructurings" },
  { href: "/admin/settings", key: "thresholds", roles: ["ADMIN"] },
  { href: "/admin/targets", key: "targets", roles: ["ADMIN"] },
  { href: "/admin/calendar", key: "calendar", roles: ["ADMIN"] },
  { href: "/admin/outbox", key: "outbox", roles: ["ADMIN"] },
  { href: "/profile", key: "profile" },
  { href: "/api-docs", key: "apiDocs" },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((i) => !i.roles || i.roles.includes(role));
}
