"use client";

import { useRef, useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Button, buttonClass } from "@/components/ui/button";
import { failureFrom, NETWORK_FAILURE, type ApiFailure } from "@/lib/api-client";
import { useErrorText } from "@/lib/api-client/error-text";
import { knownError } from "./known-error";
import type { ImportIssueDto, ImportPreviewDto, ImportPreviewItemDto, ImportResultDto } from "@/lib/dto/initiatives";

type Detail = ImportIssueDto;
type Preview = ImportPreviewDto;

type Sent<T> = { ok: true; data: T } | ApiFailure;

/** POSTs the file with XMLHttpRequest, which (unlike fetch) reports upload progress. */
function send<T>(url: string, file: File, onProgress: (percent: number | null) => void): Promise<Sent<T>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    const xlsx = /\.xlsx$/i.test(file.name);
    xhr.setRequestHeader("content-type", xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? Math.round((e.loaded / e.total) * 100) : null);
    // the upload is done: the server is checking
    xhr.upload.onload = () => onProgress(100);
    xhr.onerror = () => resolve(NETWORK_FAILURE);
    xhr.onload = () => {
      let payload: Record<string, unknown> | null = null;
      try {
        payload = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        payload = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve({ ok: true, data: payload as T });
      resolve(failureFrom(xhr.status, payload));
    };
    xhr.send(file);
  });
}
type Result = ImportResultDto;

type Phase = "idle" | "checking" | "checked" | "importing" | "done";

/** "row 7.buildingBlocks.1" → { row: 7, column: "buildingBlocks" }; "row 1" (the header) has no column. */
function splitPath(path: string): { row: string; column: string } {
  const m = /^row (\d+)(?:\.([^.]+))?/.exec(path);
  return m ? { row: m[1], column: m[2] ?? "" } : { row: "", column: path === "(file)" ? "" : path };
}

export function ImportForm({ maxMb }: { maxMb: number }) {
  const t = useTranslations("initiatives");
  const tx = useTranslations("spreadsheets");
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [windows1258, setWindows1258] = useState(false);
  const [uploaded, setUploaded] = useState<number | null>(null);
  const [phase, setPhase] = useState<Phase>("idle");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [importErrors, setImportErrors] = useState<Detail[]>([]);

  const errorText = useErrorText();
  // by the detail's code and params, worded for its column where the column has its own wording
  const problem = (e: Detail, column: string) => errorText.text({ path: column || e.path, code: e.code, params: e.params });
  const url = (dryRun: boolean) => {
    const p = new URLSearchParams();
    if (dryRun) p.set("dryRun", "true");
    if (windows1258) p.set("encoding", "windows-1258");
    const qs = p.toString();
    return `/api/v1/initiatives/import${qs ? `?${qs}` : ""}`;
  };
  /** A problem of the whole file (not UTF-8, not a workbook): shown alone, above everything. */
  const fileProblem = (r: { details: Detail[] }) => {
    const d = r.details.find((x) => x.path === "(file)" && (x.code === "file_not_utf8" || x.code === "file_not_xlsx"));
    return d ? errorText.text(d) : null;
  };
  const [fileError, setFileError] = useState<string | null>(null);
  const column = (c: string) => (c && t.has(`fields.${c}`) ? `${t(`fields.${c}`)} (${c})` : c || "—");

  const check = async (f: File) => {
    setPhase("checking");
    setPreview(null);
    setResult(null);
    setFailure(null);
    setFileError(null);
    setImportErrors([]);
    setUploaded(0);
    const r = await send<Preview>(url(true), f, setUploaded);
    setUploaded(null);
    if (r.ok) {
      setPreview(r.data);
      setPhase("checked");
    } else {
      const fp = fileProblem(r);
      if (fp) setFileError(fp);
      else setFailure(r);
      setPhase("idle");
    }
  };

  const choose = async (e: React.ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    if (f.size > maxMb * 1024 * 1024) {
      setFile(null);
      setFailure({ ...failureFrom(413, { error: { code: "payload_too_large" } }) });
      return;
    }
    setFile(f);
    await check(f);
  };

  const runImport = async () => {
    if (!file) return;
    setPhase("importing");
    setFailure(null);
    setUploaded(0);
    const r = await send<Result>(url(false), file, setUploaded);
    setUploaded(null);
    if (r.ok) {
      setResult(r.data);
      setPhase("done");
      return;
    }
    // the file changed meaning meanwhile (e.g. someone created the same reference): nothing was written
    setFailure(r);
    setImportErrors(r.details);
    setPhase("checked");
  };

  const busy = phase === "checking" || phase === "importing";
  const errors = importErrors.length ? importErrors : (preview?.errors ?? []);

  return (
    <div className="space-y-5">
      <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <label htmlFor="csv-file" className="block text-sm font-semibold text-slate-900">
          {tx("import.file")}
        </label>
        <p id="csv-file-hint" className="text-xs text-slate-600">
          {tx("import.fileHint", { mb: maxMb })}
        </p>
        <input
          ref={fileRef}
          id="csv-file"
          type="file"
          accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="csv-file-hint"
          disabled={busy}
          onChange={choose}
          className="mt-2 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-2 file:font-semibold file:text-slate-900 hover:file:bg-slate-100"
        />
        <div className="mt-3 flex items-start gap-2">
          <input
            id="encoding-1258"
            type="checkbox"
            checked={windows1258}
            disabled={busy}
            onChange={(e) => setWindows1258(e.target.checked)}
            aria-describedby="encoding-1258-hint"
            className="mt-1 h-4 w-4"
          />
          <div>
            <label htmlFor="encoding-1258" className="text-sm text-slate-900">
              {tx("import.windows1258")}
            </label>
            <p id="encoding-1258-hint" className="text-xs text-slate-600">
              {tx("import.windows1258Hint")}
            </p>
          </div>
        </div>
        {file && phase !== "checking" && (
          <Button variant="ghost" className="mt-2" onClick={() => check(file)} disabled={busy}>
            {t("import.recheck")}
          </Button>
        )}
      </div>

      <div aria-live="polite" role="status" className="space-y-2" data-testid="import-status">
        {busy && (
          <>
            <style>{"@keyframes dgt-indeterminate{0%{left:-33%}100%{left:100%}}"}</style>
            <p className="text-sm font-medium text-slate-900" data-testid="import-progress-text">
              {uploaded !== null && uploaded < 100 ? tx("import.uploading", { percent: uploaded }) : phase === "checking" ? tx("import.checking") : t("import.importing")}
            </p>
            {uploaded !== null && uploaded < 100 ? (
              <div
                role="progressbar"
                aria-label={tx("import.uploadingLabel")}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={uploaded}
                className="relative h-2 w-full overflow-hidden rounded-full bg-slate-200"
              >
                <div className="absolute inset-y-0 left-0 rounded-full bg-brand-700" style={{ width: `${uploaded}%` }} />
              </div>
            ) : (
              <div
                role="progressbar"
                aria-label={phase === "checking" ? tx("import.checking") : t("import.importing")}
                aria-busy="true"
                className="relative h-2 w-full overflow-hidden rounded-full bg-slate-200"
              >
                <div className="absolute inset-y-0 left-0 w-1/3 animate-[dgt-indeterminate_1.2s_ease-in-out_infinite] rounded-full bg-brand-700 motion-reduce:w-full motion-reduce:animate-pulse" />
              </div>
            )}
          </>
        )}
        {phase === "done" && result && (
          <div className="rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-900" data-testid="import-result">
            <p className="font-semibold">{t("import.doneTitle")}</p>
            <p>{t("import.counts", { ...result })}</p>
          </div>
        )}
      </div>

      {fileError && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="import-file-error">
          {fileError}
        </div>
      )}

      {failure && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="import-failure">
          {failure.code === "validation_failed" ? t("import.failedInvalid") : failure.code === "payload_too_large" ? t("import.tooLarge", { mb: maxMb }) : t(`errors.${knownError(failure.code)}`)}
        </div>
      )}

      {preview && phase !== "done" && (
        <section aria-labelledby="preview-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="import-preview">
          <h2 id="preview-title" className="text-base font-semibold text-slate-900">
            {t("import.previewTitle", { name: file?.name ?? "" })}
          </h2>
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            {(["rows", "created", "updated", "unchanged"] as const).map((k) => (
              <div key={k} className="rounded-lg bg-slate-50 p-2">
                <dt className="text-slate-600">{t(`import.${k}`)}</dt>
                <dd className="text-xl font-semibold tabular-nums" data-testid={`preview-${k}`}>
                  {preview[k]}
                </dd>
              </div>
            ))}
          </dl>
          {preview.items.length > 0 && <PreviewItems items={preview.items} total={preview.created + preview.updated + preview.unchanged} truncated={preview.itemsTruncated} column={column} />}
          {errors.length > 0 ? (
            <>
              <p className="text-sm font-semibold text-red-800" data-testid="preview-invalid">
                {t("import.invalid", { count: errors.length })}
              </p>
              <div className="max-h-96 overflow-auto rounded-lg border border-slate-200">
                <table className="w-full min-w-[32rem] text-left text-sm" data-testid="import-errors">
                  <caption className="sr-only">{t("import.errorsCaption")}</caption>
                  <thead className="sticky top-0 bg-slate-100">
                    <tr>
                      <th scope="col" className="px-3 py-2">
                        {t("import.row")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {t("import.column")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {tx("import.value")}
                      </th>
                      <th scope="col" className="px-3 py-2">
                        {t("import.problem")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {errors.map((e, i) => {
                      const p = splitPath(e.path);
                      return (
                        <tr key={i} className="border-t border-slate-200 align-top">
                          <th scope="row" className="px-3 py-1.5 font-medium tabular-nums">
                            {p.row || "—"}
                          </th>
                          <td className="px-3 py-1.5">{column(p.column)}</td>
                          <td className="px-3 py-1.5 break-all">{e.value !== undefined ? <code className="text-xs">{e.value === "" ? tx("import.empty") : e.value}</code> : "—"}</td>
                          <td className="px-3 py-1.5">
                            {problem(e, p.column)}
                            {e.allowed && (
                              <span className="mt-0.5 block text-xs text-slate-700">
                                {tx("import.allowed")}: <code className="break-all">{e.allowed.join(", ")}</code>
                              </span>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <p className="text-sm text-slate-700">{t("import.fixAndRetry")}</p>
            </>
          ) : (
            <>
              <p className="text-sm text-green-900" data-testid="preview-valid">
                {t("import.valid")}
              </p>
              <Button onClick={runImport} disabled={busy || preview.created + preview.updated === 0}>
                {t("import.run", { count: preview.created + preview.updated })}
              </Button>
              {preview.created + preview.updated === 0 && <p className="text-sm text-slate-700">{t("import.nothingToDo")}</p>}
            </>
          )}
        </section>
      )}

      {phase === "done" && (
        <div className="flex flex-wrap gap-2">
          <Link href="/initiatives" className={buttonClass("primary")}>
            {t("import.toList")}
          </Link>
          <Button
            variant="secondary"
            onClick={() => {
              setPhase("idle");
              setFile(null);
              setPreview(null);
              setResult(null);
              if (fileRef.current) fileRef.current.value = "";
            }}
          >
            {t("import.another")}
          </Button>
        </div>
      )}
    </div>
  );
}

function show(v: unknown, empty: string): string {
  if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) return empty;
  return Array.isArray(v) ? v.join(", ") : String(v);
}

function PreviewItems({ items, total, truncated, column }: { items: ImportPreviewItemDto[]; total: number; truncated: boolean; column: (c: string) => string }) {
  const tx = useTranslations("spreadsheets");
  const t = useTranslations("initiatives");
  const tone = { create: "bg-green-100 text-green-900", update: "bg-amber-100 text-amber-900", unchanged: "bg-slate-100 text-slate-800" } as const;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-900">{tx("import.itemsTitle")}</h3>
      <div className="max-h-96 overflow-auto rounded-lg border border-slate-200">
        <table className="w-full min-w-[36rem] text-left text-sm" data-testid="import-items">
          <caption className="sr-only">{tx("import.itemsCaption")}</caption>
          <thead className="sticky top-0 bg-slate-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                {t("import.row")}
              </th>
              <th scope="col" className="px-3 py-2">
                {tx("import.action")}
              </th>
              <th scope="col" className="px-3 py-2">
                {tx("import.what")}
              </th>
              <th scope="col" className="px-3 py-2">
                {tx("import.changes")}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((it) => (
              <tr key={it.row} className="border-t border-slate-200 align-top" data-testid={`item-${it.action}`}>
                <th scope="row" className="px-3 py-1.5 font-medium tabular-nums">
                  {it.row}
                </th>
                <td className="px-3 py-1.5">
                  <span className={`rounded px-2 py-0.5 text-xs font-semibold ${tone[it.action]}`}>{tx(`import.${it.action}`)}</span>
                </td>
                <td className="px-3 py-1.5">
                  {it.title} <span className="text-xs text-slate-700">({it.organisationCode})</span>
                </td>
                <td className="px-3 py-1.5">
                  {it.changes ? (
                    <ul className="space-y-0.5">
                      {Object.entries(it.changes).map(([f, c]) => (
                        <li key={f}>
                          <span className="font-medium">{column(f)}</span>: <span className="text-slate-700 line-through decoration-slate-400">{show(c.from, tx("import.empty"))}</span> →{" "}
                          <span className="font-medium">{show(c.to, tx("import.empty"))}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {truncated && <p className="text-xs text-slate-700">{tx("import.itemsTruncated", { shown: items.length, total })}</p>}
    </div>
  );
}
