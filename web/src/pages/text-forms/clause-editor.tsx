/**
 * The clause tree of a proposed version as an editable list (model in
 * clause-model.ts): each clause its id (read-only when it is in the base
 * version; ids stay the same across versions), its place in the tree, its
 * heading and text; add, remove, move up or down among its siblings. Buttons
 * name the clause they act on; focus follows the clause after a move.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Id } from '../../agreements/ui.js';
import { useI18n } from '../../i18n/context.js';
import { useStrings } from '../../i18n/strings.js';
import { textFormStrings } from '../../i18n/text-forms.js';
import {
  addRow, layout, moveRow, parentChoices, removeRow, setParent, updateRow, type ClauseRow, type RowProblem,
} from './clause-model.js';
import { LIMITS } from './limits.js';

type T = ReturnType<typeof useStrings<keyof (typeof textFormStrings)['en']>>;

/** The words for one problem with a clause. */
export function problemText(t: T, p: RowProblem, id: string): string {
  const max = String(p.max ?? '');
  switch (p.code) {
    case 'noClauses': return t('p.noClauses');
    case 'tooMany': return t('p.tooMany', { max });
    case 'idMissing': return t('p.idMissing');
    case 'idPattern': return t('p.idPattern');
    case 'idTwice': return t('p.idTwice', { id });
    case 'empty': return t('p.empty');
    case 'titleLong': return t('p.titleLong', { max });
    case 'textLong': return t('p.textLong', { max });
    case 'tooDeep': return t('p.tooDeep', { max });
    case 'tooManySiblings': return t('p.tooManySiblings', { max });
  }
}

/** A label above its control, tied by id (a control inside its label would add its value to its own name). */
function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return <div className="clause-field"><label htmlFor={id}>{label}</label>{children}</div>;
}

const domId = (key: string, part: string) => `clause-${key}-${part}`;
const newNumber = (row: ClauseRow) => Number(row.key.slice(2));

export function ClauseEditor({ rows, onChange, shown }: { rows: ClauseRow[]; onChange: (rows: ClauseRow[]) => void; shown: readonly RowProblem[] }) {
  const { fmt } = useI18n();
  const t = useStrings(textFormStrings);
  const [seq, setSeq] = useState(() => rows.filter((r) => !r.fromBase).length + 1);
  // The element to focus once the list has been drawn again (after add, remove, move).
  const [focus, setFocus] = useState<string[] | null>(null);
  useEffect(() => {
    if (!focus) return;
    const el = focus.map((id) => document.getElementById(id)).find((e): e is HTMLElement => !!e && !(e as HTMLButtonElement).disabled);
    el?.focus();
    setFocus(null);
  }, [focus, rows]);

  const placed = layout(rows);
  const name = (r: ClauseRow) => (r.id.trim() ? t('name.id', { id: r.id.trim() }) : t('name.new', { n: fmt.number(newNumber(r)) }));
  const add = () => {
    onChange(addRow(rows, seq));
    setFocus([domId(`n:${seq}`, 'id')]);
    setSeq(seq + 1);
  };
  const remove = (key: string) => {
    const at = placed.findIndex((p) => p.row.key === key);
    const next = removeRow(rows, key);
    onChange(next);
    const after = layout(next)[at] ?? layout(next)[at - 1];
    setFocus(after ? [domId(after.row.key, 'remove')] : ['clause-add']);
  };
  const move = (key: string, delta: -1 | 1) => {
    onChange(moveRow(rows, key, delta));
    const [self, other] = delta < 0 ? ['up', 'down'] : ['down', 'up'];
    setFocus([domId(key, self!), domId(key, other!)]);
  };

  return (
    <fieldset className="clause-editor" data-testid="clause-editor">
      <legend>{t('propose.clauses')}</legend>
      <ol className="clause-list">
        {placed.map(({ row, depth, index, siblings }) => {
          const mine = shown.filter((p) => p.key === row.key);
          const bad = (field: RowProblem['field']) => mine.some((p) => p.field === field);
          const errId = domId(row.key, 'problems');
          const described = (field: RowProblem['field'], ...more: string[]) => [...more, ...(bad(field) ? [errId] : [])].join(' ') || undefined;
          const clause = name(row);
          return (
            <li key={row.key} className="clause-item" style={{ marginInlineStart: `${(depth - 1) * 1.5}rem` }} data-testid="clause" data-key={row.key} data-depth={depth}>
              <fieldset>
                <legend>
                  {row.fromBase ? <>{t('legend.base')} <Id>{row.id}</Id></> : row.id.trim() ? <>{t('legend.new')} <Id>{row.id.trim()}</Id></> : t('legend.newN', { n: fmt.number(newNumber(row)) })}
                </legend>
                {!row.fromBase && (
                  <Field id={domId(row.key, 'id')} label={t('propose.id')}>
                    <input
                      id={domId(row.key, 'id')} value={row.id} dir="ltr" maxLength={32} autoComplete="off" spellCheck={false}
                      aria-invalid={bad('id') || undefined} aria-describedby={described('id', domId(row.key, 'hint'))}
                      onChange={(e) => onChange(updateRow(rows, row.key, { id: e.target.value }))}
                    />
                    <p className="muted small clause-hint" id={domId(row.key, 'hint')}>{t('propose.idHint')}</p>
                  </Field>
                )}
                <Field id={domId(row.key, 'place')} label={t('propose.place')}>
                  <select id={domId(row.key, 'place')} value={row.parent ?? ''} onChange={(e) => {
                    onChange(setParent(rows, row.key, e.target.value || null));
                    setFocus([domId(row.key, 'place')]);
                  }}>
                    <option value="">{t('propose.top')}</option>
                    {parentChoices(rows, row.key).map((p) => <option key={p.key} value={p.key}>{t('propose.under', { clause: name(p) })}</option>)}
                  </select>
                </Field>
                <Field id={domId(row.key, 'title')} label={t('propose.heading')}>
                  <input id={domId(row.key, 'title')} value={row.title} dir="auto" maxLength={LIMITS.clauseTitle} aria-invalid={bad('title') || undefined}
                    aria-describedby={described('title')} onChange={(e) => onChange(updateRow(rows, row.key, { title: e.target.value }))} />
                </Field>
                <Field id={domId(row.key, 'text')} label={t('propose.text')}>
                  <textarea id={domId(row.key, 'text')} value={row.text} dir="auto" rows={3} maxLength={LIMITS.clauseText} aria-invalid={bad('text') || undefined}
                    aria-describedby={described('text')} onChange={(e) => onChange(updateRow(rows, row.key, { text: e.target.value }))} />
                </Field>
                {mine.length > 0 && (
                  <ul className="error clause-problems" id={errId} data-testid="clause-problems">
                    {mine.map((p) => <li key={p.code}>{problemText(t, p, row.id.trim())}</li>)}
                  </ul>
                )}
                <div className="ag-actions">
                  <button type="button" className="secondary small" id={domId(row.key, 'up')} disabled={index === 0}
                    aria-label={t('propose.up', { clause })} onClick={() => move(row.key, -1)}>{t('propose.upShort')}</button>
                  <button type="button" className="secondary small" id={domId(row.key, 'down')} disabled={index === siblings - 1}
                    aria-label={t('propose.down', { clause })} onClick={() => move(row.key, 1)}>{t('propose.downShort')}</button>
                  <button type="button" className="secondary small" id={domId(row.key, 'remove')}
                    aria-label={t('propose.remove', { clause })} onClick={() => remove(row.key)}>{t('propose.removeShort')}</button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" className="secondary" id="clause-add" onClick={add}>{t('propose.add')}</button>
    </fieldset>
  );
}
