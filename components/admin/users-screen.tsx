"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Field, inputClass } from "@/components/ui/field";
import { ROLES, type Role } from "@/lib/domain/codes";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/config";
import { api, call, type ApiFailure } from "@/lib/api-client";
import type { paths } from "@/lib/api-client/schema";
import { useErrorText } from "@/lib/api-client/error-text";
import { Dialog, FormMessage } from "./dialog";
import type { UserDto } from "@/lib/dto/users";

export interface OrgOption {
  id: string;
  name: string;
  code: string;
  kind: string;
}

/** The accounts as GET /users answers them. */
export type UserRow = UserDto;

type Failure = ApiFailure;
type UserPatch = NonNullable<paths["/users/{id}"]["patch"]["requestBody"]>["content"]["application/json"];

/** The message for a failed call that is not about one field. */
function useFailureText() {
  const t = useTranslations("admin.errors");
  return (f: Failure) => {
    switch (f.code) {
      case "version_conflict":
        return t("versionConflict");
      case "invalid_transition":
        return t("lastAdmin");
      case "duplicate":
        return t("duplicateEmail");
      case "forbidden":
        return t("forbidden");
      case "unauthenticated":
        return t("unauthenticated");
      case "validation_failed":
        return t("validation");
      case "not_found":
        return t("notFound");
      default:
        return t("generic");
    }
  };
}

function OrganisationSelect({ id, value, onChange, organisations, aria }: { id: string; value: string; onChange: (v: string) => void; organisations: OrgOption[]; aria: Record<string, unknown> }) {
  const t = useTranslations("admin.users");
  return (
    <select {...aria} id={id} name="organisationId" value={value} onChange={(e) => onChange(e.target.value)} className={inputClass}>
      <option value="">{t("noOrganisation")}</option>
      {organisations.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name} ({o.code})
        </option>
      ))}
    </select>
  );
}

function CreateUserForm({ organisations, onDone }: { organisations: OrgOption[]; onDone: (email: string) => void }) {
  const t = useTranslations("admin.users");
  const errorText = useErrorText();
  const tr = useTranslations("roles");
  const tp = useTranslations("password.admin");
  const failureText = useFailureText();
  const [role, setRole] = useState<Role>("OFFICER");
  const [org, setOrg] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const fe = (path: string) => (failure ? errorText.fields(failure.details)[path] : undefined);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    const r = await call(api.POST("/users", { body: {
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role,
      organisationId: org || null,
      password: String(form.get("password") ?? ""),
    } }));
    setBusy(false);
    if (r.ok) onDone(r.data.email);
    else setFailure(r);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      {failure && <FormMessage tone="error">{failure.code === "duplicate" ? t("duplicate") : failureText(failure)}</FormMessage>}
      <Field id="new-email" label={t("email")} error={fe("email")}>
        {(a) => <input {...a} name="email" type="email" autoComplete="off" required className={inputClass} />}
      </Field>
      <Field id="new-name" label={t("name")} error={fe("name")}>
        {(a) => <input {...a} name="name" required className={inputClass} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="new-role" label={t("role")} error={fe("role")}>
          {(a) => (
            <select {...a} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} className={inputClass}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tr(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="new-organisation" label={t("organisation")} hint={role === "OFFICER" ? t("organisationRequired") : undefined} error={fe("organisationId")}>
          {(a) => <OrganisationSelect id={a.id} aria={a} value={org} onChange={setOrg} organisations={organisations} />}
        </Field>
      </div>
      <Field id="new-password" label={t("password")} hint={`${t("passwordRule")} ${tp("createNote")}`} error={fe("password")}>
        {(a) => <input {...a} name="password" type="password" autoComplete="new-password" required minLength={12} className={inputClass} />}
      </Field>
      <Button type="submit" disabled={busy}>
        {busy ? t("saving") : t("create")}
      </Button>
    </form>
  );
}

function EditUser({ user, organisations, isSelf, onChanged }: { user: UserRow; organisations: OrgOption[]; isSelf: boolean; onChanged: (u: UserRow, message: string) => void }) {
  const t = useTranslations("admin.users");
  const errorText = useErrorText();
  const tr = useTranslations("roles");
  const tp = useTranslations("password.admin");
  const failureText = useFailureText();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [org, setOrg] = useState(user.organisationId ?? "");
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ section: string; f: Failure } | null>(null);
  const fe = (section: string, path: string) => (failure?.section === section ? errorText.fields(failure.f.details)[path] : undefined);

  async function patch(section: string, body: Omit<UserPatch, "version">, message: string) {
    setBusy(section);
    setFailure(null);
    const r = await call(api.PATCH("/users/{id}", { params: { path: { id: user.id } }, body: { version: user.version, ...body } }));
    setBusy(null);
    if (r.ok) onChanged(r.data, message);
    else setFailure({ section, f: r });
  }

  const sectionError = (section: string) =>
    failure?.section === section && (
      <FormMessage tone="error" testId={`${section}-error`}>
        {failureText(failure.f)}
      </FormMessage>
    );

  return (
    <div className="space-y-6">
      <form
        noValidate
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void patch("details", { name, role, organisationId: org || null }, t("saved"));
        }}
      >
        <h3 className="text-base font-semibold text-slate-900">{t("details")}</h3>
        {sectionError("details")}
        <p className="text-sm text-slate-700">
          {t("email")}: <span className="font-medium text-slate-900">{user.email}</span>
        </p>
        <Field id="edit-name" label={t("name")} error={fe("details", "name")}>
          {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />}
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="edit-role" label={t("role")} error={fe("details", "role")}>
            {(a) => (
              <select {...a} value={role} onChange={(e) => setRole(e.target.value as Role)} className={inputClass}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {tr(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="edit-organisation" label={t("organisation")} error={fe("details", "organisationId")}>
            {(a) => <OrganisationSelect id={a.id} aria={a} value={org} onChange={setOrg} organisations={organisations} />}
          </Field>
        </div>
        <p className="text-xs text-slate-700">{t("revokeNote")}</p>
        <Button type="submit" disabled={!!busy}>
          {busy === "details" ? t("saving") : t("save")}
        </Button>
      </form>

      <form
        noValidate
        className="space-y-3 border-t border-slate-200 pt-4"
        onSubmit={(e) => {
          e.preventDefault();
          const input = e.currentTarget.elements.namedItem("password") as HTMLInputElement;
          void patch("password", { password: input.value }, t("passwordReset"));
        }}
      >
        <h3 className="text-base font-semibold text-slate-900">{t("resetPassword")}</h3>
        <p className="text-xs text-slate-700">{tp("resetNote")}</p>
        {sectionError("password")}
        <Field id="reset-password" label={t("newPassword")} hint={t("passwordRule")} error={fe("password", "password")}>
          {(a) => <input {...a} name="password" type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
        <Button type="submit" variant="secondary" disabled={!!busy}>
          {busy === "password" ? t("saving") : t("resetPassword")}
        </Button>
      </form>

      <div className="space-y-3 border-t border-slate-200 pt-4">
        <h3 className="text-base font-semibold text-slate-900">{user.active ? t("deactivate") : t("reactivate")}</h3>
        {sectionError("active")}
        <p className="text-sm text-slate-700">{user.active ? (isSelf ? t("deactivateSelfNote") : t("deactivateNote")) : t("reactivateNote")}</p>
        <Button
          variant={user.active ? "danger" : "secondary"}
          disabled={!!busy}
          onClick={() => void patch("active", { active: !user.active }, user.active ? t("deactivated") : t("reactivated"))}
        >
          {user.active ? t("deactivate") : t("reactivate")}
        </Button>
      </div>
    </div>
  );
}

export function UsersScreen({ users, organisations, total, selfId }: { users: UserRow[]; organisations: OrgOption[]; total: number; selfId?: string }) {
  const t = useTranslations("admin.users");
  const tr = useTranslations("roles");
  const tp = useTranslations("password.admin");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const orgName = (id: string | null) => (id ? (organisations.find((o) => o.id === id)?.name ?? "—") : "—");

  return (
    <section aria-labelledby="users-list-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="users-list-title" className="text-base font-semibold text-slate-900">
          {t("listTitle", { total })}
        </h2>
        <Button onClick={() => setCreating(true)}>{t("new")}</Button>
      </div>
      {notice && <FormMessage tone="success" testId="users-notice">{notice}</FormMessage>}
      <div className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white">
        <table className="w-full min-w-[44rem] text-left text-sm">
          <caption className="sr-only">{t("listTitle", { total })}</caption>
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">{t("email")}</th>
              <th scope="col" className="min-w-[8rem] px-3 py-2 font-semibold">{t("name")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t("role")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t("organisation")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t("status")}</th>
              <th scope="col" className="px-3 py-2 font-semibold">{t("lastLogin")}</th>
              <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-700">
                  {t("empty")}
                </td>
              </tr>
            )}
            {users.map((u) => (
              <tr key={u.id} className="border-t border-slate-200" data-testid={`user-row-${u.email}`}>
                <th scope="row" className="min-w-[12rem] break-all px-3 py-2 font-medium text-slate-900">
                  {u.email}
                  {/* on a phone the edit button sits with the email, so it is reachable without scrolling sideways */}
                  <span className="mt-1 block sm:hidden">
                    <Button variant="secondary" onClick={() => setEditing(u)} aria-label={t("editAria", { email: u.email })}>
                      {t("edit")}
                    </Button>
                  </span>
                </th>
                <td className="px-3 py-2">{u.name}</td>
                <td className="px-3 py-2">{tr(u.role)}</td>
                <td className="px-3 py-2">{orgName(u.organisationId)}</td>
                <td className="px-3 py-2">
                  <Badge tone={u.active ? "green" : "slate"}>{u.active ? t("active") : t("inactive")}</Badge>
                  {u.active && u.mustChangeCredentials && (
                    <span className="mt-1 block">
                      <Badge tone="amber">{tp("pending")}</Badge>
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap px-3 py-2">{u.lastLoginAt ? formatDateTime(locale, u.lastLoginAt) : t("never")}</td>
                <td className="hidden px-3 py-2 text-right sm:table-cell">
                  <Button variant="secondary" onClick={() => setEditing(u)} aria-label={t("editAria", { email: u.email })}>
                    {t("edit")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Dialog open={creating} title={t("new")} onClose={() => setCreating(false)}>
        <CreateUserForm
          organisations={organisations}
          onDone={(email) => {
            setCreating(false);
            setNotice(t("created", { email }));
            router.refresh();
          }}
        />
      </Dialog>
      <Dialog open={!!editing} title={editing ? t("editTitle", { email: editing.email }) : ""} onClose={() => setEditing(null)}>
        {editing && (
          <EditUser
            key={`${editing.id}-${editing.version}`}
            user={editing}
            organisations={organisations}
            isSelf={editing.id === selfId}
            onChanged={(u, message) => {
              setEditing(null);
              setNotice(`${message} (${u.email})`);
              router.refresh();
            }}
          />
        )}
      </Dialog>
    </section>
  );
}
