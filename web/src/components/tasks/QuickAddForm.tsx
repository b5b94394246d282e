/**
 * The new-task box with quick add (spec 003 FR-037): as the person types, it
 * shows what it understood (tags, priority, due date and time) as chips, each
 * removable; Enter adds the task with those fields. Before hydration, or
 * without JavaScript, the form posts the plain text to the page, which adds it
 * as the title (FR-006). The box is uncontrolled so early typing survives.
 */
import { type KeyboardEvent, type RefObject, type SubmitEvent, useState } from "react";
import { TITLE_MAX } from "#api/client";
import { type Chip, keepLiteral, parseQuickAdd, type QuickAdd } from "./quick-add/parse.ts";

interface Props {
  inputRef: RefObject<HTMLInputElement | null>;
  /** Adds the task; false when it was not added (the text is then put back). */
  onAdd: (fields: Omit<QuickAdd, "chips">) => Promise<boolean>;
}

const kinds: Record<Chip["kind"], string> = { tag: "tag", priority: "priority", date: "due date", time: "due time" };
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function QuickAddForm({ inputRef, onAdd }: Props) {
  const [chips, setChips] = useState<Chip[]>([]);

  const read = (text: string) => setChips(text.trim() ? parseQuickAdd(text, Date.now(), zone()).chips : []);

  async function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = inputRef.current;
    const text = input?.value ?? "";
    if (!input || !text.trim()) return;
    const { chips: _, ...fields } = parseQuickAdd(text, Date.now(), zone());
    if (!fields.title) return;
    input.value = "";
    setChips([]);
    if (!(await onAdd(fields))) {
      input.value = text;
      read(text);
    }
  }

  function remove(chip: Chip) {
    const input = inputRef.current;
    if (!input) return;
    input.value = keepLiteral(input.value, chip);
    read(input.value);
    input.focus();
  }

  function onKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Escape") {
      event.currentTarget.value = "";
      setChips([]);
    }
  }

  return (
    <form className="new-task" method="post" onSubmit={add}>
      <label htmlFor="new-task-title">New task</label>
      <input
        id="new-task-title"
        name="title"
        ref={inputRef}
        required
        onKeyDown={onKey}
        onInput={(e) => read(e.currentTarget.value)}
        placeholder="What needs doing?"
        aria-describedby="quick-add-hint"
        maxLength={TITLE_MAX}
        autoComplete="off"
      />
      <button type="submit">Add task</button>
      <p id="quick-add-hint" className="hint">
        Try “Pay rent tomorrow 9am #home !high”.
      </p>
      {chips.length > 0 && (
        <ul aria-label="Understood" className="chips quick-add-chips">
          {chips.map((chip) => (
            <li key={`${chip.start}-${chip.kind}`}>
              <button type="button" className="chip" onClick={() => remove(chip)}>
                <span className="visually-hidden">Remove {kinds[chip.kind]} </span>
                {chip.label}
                <span aria-hidden="true"> ×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
