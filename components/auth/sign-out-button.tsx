"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Signs out (the session ends on the server too) and goes to the login page. */
export function SignOutButton() {
  const t = useTranslations("password");
  return (
    <Button type="button" variant="secondary" onClick={() => signOut({ callbackUrl: "/login" })}>
      {t("signOut")}
    </Button>
  );
}
