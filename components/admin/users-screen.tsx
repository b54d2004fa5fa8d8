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
import { useApiForm } from "@/components/forms/use-api-form";
import { userCreateInput, userUpdateInput } from "@/lib/validation/users";
import type { UseFormRegisterReturn } from "react-hook-form";
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

function OrganisationSelect({ registration, organisations, aria }: { registration: UseFormRegisterReturn; organisations: OrgOption[]; aria: { id: string } }) {
  const t = useTranslations("admin.users");
  return (
    <select {...aria} {...registration} className={inputClass}>
      <option value="">{t("noOrganisation")}</option>
      {organisations.map((o) => (
        <option key={o.id} value={o.id}>
          {o.name} ({o.code})
        </option>
      ))}
    </select>
  );
}

/** A failure about fields (they carry their own texts), rather than about the whole form. */
const fieldFailure = (f: Failure) => f.code === "validation_failed" || (f.code === "duplicate" && f.details.length > 0);

function Unsaved({ text }: { text: string }) {
  return (
    <p role="status" className="text-sm text-slate-700" data-testid="unsaved">
      {text}
    </p>
  );
}

type CreateValues = { email: string; name: string; role: Role; organisationId: string; password: string };
const CREATE_FIELDS = ["email", "name", "role", "organisationId", "password"] as const;

function CreateUserForm({ organisations, onDone }: { organisations: OrgOption[]; onDone: (email: string) => void }) {
  const t = useTranslations("admin.users");
  const tr = useTranslations("roles");
  const tp = useTranslations("password.admin");
  const tf = useTranslations("forms");
  const failureText = useFailureText();
  const { register, watch, submit, failure, dirty, fieldError: fe, formState } = useApiForm({
    schema: userCreateInput,
    toBody: (v: CreateValues) => ({ email: v.email, name: v.name, role: v.role, organisationId: v.organisationId || null, password: v.password }),
    defaultValues: { email: "", name: "", role: "OFFICER", organisationId: "", password: "" },
    order: CREATE_FIELDS,
  });
  const role = watch("role");
  const onSubmit = submit(async (body) => {
    const r = await call(api.POST("/users", { body }));
    if (!r.ok) return r;
    onDone(r.data.email);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      {dirty && <Unsaved text={tf("unsaved")} />}
      {failure && <FormMessage tone="error">{fieldFailure(failure) ? tf("fixErrors") : failureText(failure)}</FormMessage>}
      <Field id="new-email" label={t("email")} error={fe("email")}>
        {(a) => <input {...a} {...register("email")} type="email" autoComplete="off" required className={inputClass} />}
      </Field>
      <Field id="new-name" label={t("name")} error={fe("name")}>
        {(a) => <input {...a} {...register("name")} required className={inputClass} />}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="new-role" label={t("role")} error={fe("role")}>
          {(a) => (
            <select {...a} {...register("role")} className={inputClass}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {tr(r)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="new-organisation" label={t("organisation")} hint={role === "OFFICER" ? t("organisationRequired") : undefined} error={fe("organisationId")}>
          {(a) => <OrganisationSelect aria={a} registration={register("organisationId")} organisations={organisations} />}
        </Field>
      </div>
      <Field id="new-password" label={t("password")} hint={`${t("passwordRule")} ${tp("createNote")}`} error={fe("password")}>
        {(a) => <input {...a} {...register("password")} type="password" autoComplete="new-password" required minLength={12} className={inputClass} />}
      </Field>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? t("saving") : t("create")}
      </Button>
    </form>
  );
}

type DetailsValues = { name: string; role: Role; organisationId: string };
type PasswordValues = { password: string };

function EditUser({ user, organisations, isSelf, onChanged }: { user: UserRow; organisations: OrgOption[]; isSelf: boolean; onChanged: (u: UserRow, message: string) => void }) {
  const t = useTranslations("admin.users");
  const tr = useTranslations("roles");
  const tp = useTranslations("password.admin");
  const tf = useTranslations("forms");
  const failureText = useFailureText();
  // two forms on PATCH /users/{id}, each checked with the endpoint's own schema
  const details = useApiForm({
    schema: userUpdateInput,
    toBody: (v: DetailsValues) => ({ version: user.version, name: v.name, role: v.role, organisationId: v.organisationId || null }),
    defaultValues: { name: user.name, role: user.role, organisationId: user.organisationId ?? "" },
    order: ["name", "role", "organisationId"],
  });
  const password = useApiForm({
    schema: userUpdateInput,
    // a blank field is a password of 0 characters (too short), not "no change"
    toBody: (v: PasswordValues) => ({ version: user.version, password: v.password }),
    defaultValues: { password: "" },
    order: ["password"],
  });
  const [busy, setBusy] = useState(false);
  const [activeFailure, setActiveFailure] = useState<Failure | null>(null);
  const saving = busy || details.formState.isSubmitting || password.formState.isSubmitting;

  const patch = async (body: UserPatch) => call(api.PATCH("/users/{id}", { params: { path: { id: user.id } }, body }));
  const onDetails = details.submit(async (body) => {
    const r = await patch(body as UserPatch);
    if (!r.ok) return r;
    onChanged(r.data, t("saved"));
  });
  const onPassword = password.submit(async (body) => {
    const r = await patch(body as UserPatch);
    if (!r.ok) return r;
    onChanged(r.data, t("passwordReset"));
  });
  async function toggleActive() {
    setBusy(true);
    setActiveFailure(null);
    const r = await patch({ version: user.version, active: !user.active });
    setBusy(false);
    if (r.ok) onChanged(r.data, user.active ? t("deactivated") : t("reactivated"));
    else setActiveFailure(r);
  }

  const sectionError = (section: string, f: Failure | null) =>
    f && (
      <FormMessage tone="error" testId={`${section}-error`}>
        {fieldFailure(f) ? tf("fixErrors") : failureText(f)}
      </FormMessage>
    );

  return (
    <div className="space-y-6">
      <form noValidate className="space-y-3" onSubmit={onDetails}>
        <h3 className="text-base font-semibold text-slate-900">{t("details")}</h3>
        {details.dirty && <Unsaved text={tf("unsaved")} />}
        {sectionError("details", details.failure)}
        <p className="text-sm text-slate-700">
          {t("email")}: <span className="font-medium text-slate-900">{user.email}</span>
        </p>
        <Field id="edit-name" label={t("name")} error={details.fieldError("name")}>
          {(a) => <input {...a} {...details.register("name")} className={inputClass} />}
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="edit-role" label={t("role")} error={details.fieldError("role")}>
            {(a) => (
              <select {...a} {...details.register("role")} className={inputClass}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {tr(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="edit-organisation" label={t("organisation")} error={details.fieldError("organisationId")}>
            {(a) => <OrganisationSelect aria={a} registration={details.register("organisationId")} organisations={organisations} />}
          </Field>
        </div>
        <p className="text-xs text-slate-700">{t("revokeNote")}</p>
        <Button type="submit" disabled={saving}>
          {details.formState.isSubmitting ? t("saving") : t("save")}
        </Button>
      </form>

      <form noValidate className="space-y-3 border-t border-slate-200 pt-4" onSubmit={onPassword}>
        <h3 className="text-base font-semibold text-slate-900">{t("resetPassword")}</h3>
        <p className="text-xs text-slate-700">{tp("resetNote")}</p>
        {sectionError("password", password.failure)}
        <Field id="reset-password" label={t("newPassword")} hint={t("passwordRule")} error={password.fieldError("password")}>
          {(a) => <input {...a} {...password.register("password")} type="password" autoComplete="new-password" className={inputClass} />}
        </Field>
        <Button type="submit" variant="secondary" disabled={saving}>
          {password.formState.isSubmitting ? t("saving") : t("resetPassword")}
        </Button>
      </form>

      <div className="space-y-3 border-t border-slate-200 pt-4">
        <h3 className="text-base font-semibold text-slate-900">{user.active ? t("deactivate") : t("reactivate")}</h3>
        {sectionError("active", activeFailure)}
        <p className="text-sm text-slate-700">{user.active ? (isSelf ? t("deactivateSelfNote") : t("deactivateNote")) : t("reactivateNote")}</p>
        <Button variant={user.active ? "danger" : "secondary"} disabled={saving} onClick={() => void toggleActive()}>
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
