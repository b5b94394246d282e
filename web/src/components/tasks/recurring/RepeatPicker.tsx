/**
 * The details' "Repeat" field: presets for the due day, or a custom rule
 * (frequency, interval, weekdays, an end), saved as RRULE text as soon as
 * it changes. The logic is in repeat-rule.ts; this only renders and wires it.
 */
import { useId, useState } from "react";
import { MAX_COUNT, MAX_INTERVAL } from "#api/client";
import type { TaskChanges } from "../task-changes.ts";
import type { Task } from "../types.ts";
import {
  type CustomRepeat,
  choiceOf,
  customFields,
  customRule,
  presets,
  type RepeatChoice,
  repeatWords,
  type Weekday,
} from "./repeat-rule.ts";

const FREQUENCIES = [
  ["DAILY", "Daily", "days"],
  ["WEEKLY", "Weekly", "weeks"],
  ["MONTHLY", "Monthly", "months"],
  ["YEARLY", "Yearly", "years"],
] as const;
const DAYS: [Weekday, string][] = [
  ["MO", "Monday"],
  ["TU", "Tuesday"],
  ["WE", "Wednesday"],
  ["TH", "Thursday"],
  ["FR", "Friday"],
  ["SA", "Saturday"],
  ["SU", "Sunday"],
];

interface Props {
  task: Task;
  /** The browser's zone: a task that starts repeating gets it unless it has one. */
  browserZone: string;
  onSave: (task: Task, changes: TaskChanges) => void;
}

export function RepeatPicker({ task, browserZone, onSave }: Props) {
  const id = useId();
  const zone = task.timeZone ?? browserZone;
  const offered = task.dueAt ? presets(task.dueAt, zone) : [];
  // Custom stays chosen while the person builds a rule, even when it happens to equal a preset.
  const [customChosen, setCustomChosen] = useState(false);
  const choice: RepeatChoice = customChosen ? "custom" : choiceOf(task.repeat, offered);
  const [custom, setCustom] = useState<CustomRepeat>(() => customFields(task.repeat, task.dueAt ?? "", zone));
  const words = repeatWords(task.repeat);

  const saveRule = (repeat: string | null) => {
    if (repeat === task.repeat) return;
    onSave(task, repeat === null ? { repeat: null } : { repeat, timeZone: zone });
  };

  function choose(next: RepeatChoice) {
    setCustomChosen(next === "custom");
    if (next === "custom") return saveRule(customRule(custom));
    saveRule(next === "none" ? null : (offered.find((p) => p.id === next)?.rule ?? null));
  }

  function change(fields: Partial<CustomRepeat>, save = true) {
    const next = { ...custom, ...fields };
    setCustom(next);
    if (save) saveRule(customRule(next));
  }

  if (!task.dueAt) {
    return (
      <div className="repeat">
        <label htmlFor={`${id}-repeat`}>Repeat</label>
        <select id={`${id}-repeat`} disabled aria-describedby={`${id}-needs-due`} value="none">
          <option value="none">Does not repeat</option>
        </select>
        <p id={`${id}-needs-due`} className="hint">
          Set a due date to repeat this task.
        </p>
      </div>
    );
  }

  const unit = FREQUENCIES.find(([f]) => f === custom.freq)?.[2] ?? "";
  return (
    <div className="repeat">
      <div className="detail-grid">
        <label htmlFor={`${id}-repeat`}>Repeat</label>
        <select id={`${id}-repeat`} value={choice} onChange={(e) => choose(e.target.value as RepeatChoice)}>
          <option value="none">Does not repeat</option>
          {offered.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
        {task.repeat !== null && (
          <>
            <label htmlFor={`${id}-from`}>Repeat from</label>
            <select
              id={`${id}-from`}
              value={task.repeatFrom}
              onChange={(e) => onSave(task, { repeatFrom: e.target.value as Task["repeatFrom"] })}
            >
              <option value="due">the due date</option>
              <option value="completion">when I complete it</option>
            </select>
          </>
        )}
      </div>
      {choice === "custom" && (
        <fieldset className="custom-repeat">
          <legend>Custom repeat</legend>
          <div className="detail-grid">
            <label htmlFor={`${id}-freq`}>Frequency</label>
            <select
              id={`${id}-freq`}
              value={custom.freq}
              onChange={(e) => change({ freq: e.target.value as CustomRepeat["freq"] })}
            >
              {FREQUENCIES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-interval`}>Every</label>
            <span>
              <input
                id={`${id}-interval`}
                type="number"
                min={1}
                max={MAX_INTERVAL}
                value={custom.interval}
                aria-describedby={`${id}-unit`}
                onChange={(e) => change({ interval: Math.max(1, Number(e.target.value) || 1) }, false)}
                onBlur={() => change({})}
              />{" "}
              <span id={`${id}-unit`}>{unit}</span>
            </span>
          </div>
          {custom.freq === "WEEKLY" && (
            <fieldset className="weekdays">
              <legend>On</legend>
              {DAYS.map(([code, name]) => (
                <label key={code}>
                  <input
                    type="checkbox"
                    aria-label={name}
                    checked={custom.weekdays.includes(code)}
                    onChange={(e) =>
                      change({
                        weekdays: e.target.checked
                          ? [...custom.weekdays, code]
                          : custom.weekdays.filter((d) => d !== code),
                      })
                    }
                  />
                  {name.slice(0, 3)}
                </label>
              ))}
            </fieldset>
          )}
          <div className="detail-grid">
            <label htmlFor={`${id}-end`}>Ends</label>
            <select
              id={`${id}-end`}
              value={custom.end}
              onChange={(e) => change({ end: e.target.value as CustomRepeat["end"] })}
            >
              <option value="never">Never</option>
              <option value="count">After a number of times</option>
              <option value="until">On a date</option>
            </select>
            {custom.end === "count" && (
              <>
                <label htmlFor={`${id}-count`}>Times</label>
                <input
                  id={`${id}-count`}
                  type="number"
                  min={1}
                  max={MAX_COUNT}
                  value={custom.count}
                  onChange={(e) => change({ count: Math.max(1, Number(e.target.value) || 1) }, false)}
                  onBlur={() => change({})}
                />
              </>
            )}
            {custom.end === "until" && (
              <>
                <label htmlFor={`${id}-until`}>Last date</label>
                <input
                  id={`${id}-until`}
                  type="date"
                  value={custom.until}
                  onChange={(e) => change({ until: e.target.value })}
                />
              </>
            )}
          </div>
        </fieldset>
      )}
      {words && <p className="hint">Repeats {words}.</p>}
    </div>
  );
}
