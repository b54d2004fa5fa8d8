export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: React.ReactNode }) {
  return (
    <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
        {description && <p className="mt-1 max-w-3xl text-sm text-slate-700">{description}</p>}
      </div>
      {actions && <div className="no-print flex flex-wrap gap-2">{actions}</div>}
    </div>
  );
}

export function Card({ title, children, className = "", id }: { title?: string; children: React.ReactNode; className?: string; id?: string }) {
  return (
    <section aria-labelledby={title && id ? `${id}-title` : undefined} className={`print-break rounded-xl border border-slate-200 bg-white p-4 shadow-sm ${className}`}>
      {title && (
        <h2 id={id ? `${id}-title` : undefined} className="mb-3 text-base font-semibold text-slate-900">
          {title}
        </h2>
      )}
      {children}
    </section>
  );
}
