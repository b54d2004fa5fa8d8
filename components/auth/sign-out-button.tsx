"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

// next-auth's client (~40 kB) is loaded when someone signs out, not on every page
const signOut = async () => (await import("next-auth/react")).signOut({ callbackUrl: "/login" });

/** Signs out (the session ends on the server too) and goes to the login page. */
export function SignOutButton() {
  const t = useTranslations("password");
  return (
    <Button type="button" variant="secondary" onClick={signOut}>
      {t("signOut")}
    </Button>
  );
}
