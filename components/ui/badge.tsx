type Tone = "slate" | "blue" | "green" | "amber" | "red" | "violet" | "teal";

const tones: Record<Tone, string> = {
  slate: "bg-slate-100 text-slate-800 ring-slate-300",
  blue: "bg-blue-50 text-blue-800 ring-blue-300",
  green: "bg-green-50 text-green-800 ring-green-300",
  amber: "bg-amber-50 text-amber-900 ring-amber-300",
  red: "bg-red-50 text-red-800 ring-red-300",
  violet: "bg-violet-50 text-violet-800 ring-violet-300",
  teal: "bg-teal-50 text-teal-800 ring-teal-300",
};

/** A small labelled pill: the text always says what the colour means (never colour alone). */
export function Badge({ tone = "slate", children, title }: { tone?: Tone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}>
      {children}
    </span>
  );
}

export const STATUS_TONE: Record<string, Tone> = {
  PLANNED: "slate",
  IN_PROGRESS: "blue",
  COMPLETED: "green",
  ON_HOLD: "amber",
  CANCELLED: "red",
  DRAFT: "slate",
  SUBMITTED: "blue",
  APPROVED: "green",
  REJECTED: "red",
  NOT_ENOUGH_DATA: "slate",
  ACHIEVED: "green",
  ON_TRACK: "teal",
  ACCELERATION_NEEDED: "amber",
  LIMITED_PROGRESS: "amber",
  DETERIORATING: "red",
  MISSED: "red",
};
