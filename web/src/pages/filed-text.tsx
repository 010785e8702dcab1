/**
 * A user-written text (title and notes) as filed or in one of its
 * translations (../user-text.ts): which version to show, and the line that
 * says which one is shown and who gave it, with buttons for the others.
 */
import { useMemo, useState } from 'react';
import { useI18n } from '../i18n/context.js';
import { useStrings } from '../i18n/strings.js';
import { userTextStrings } from '../i18n/user-text.js';
import { languageName, preferredVersion, textVersions, type FiledText, type TextVersion } from '../user-text.js';

const keyOf = (v: TextVersion): string => (v.original ? '' : v.language!);

export interface TextChoice {
  versions: TextVersion[];
  shown: TextVersion;
  choose: (v: TextVersion) => void;
}

export function useTextVersion(text: FiledText): TextChoice {
  const { locale } = useI18n();
  const versions = useMemo(() => textVersions(text), [text]);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const shown = (chosen === undefined ? undefined : versions.find((v) => keyOf(v) === chosen)) ?? preferredVersion(versions, locale.code);
  return { versions, shown, choose: (v) => setChosen(keyOf(v)) };
}

/** "As filed, in English." or "Translation into Turkish, supplied by AFG…", and a button per other version. Nothing when there is only one. */
export function TextLanguages({ choice }: { choice: TextChoice }) {
  const { locale, fmt } = useI18n();
  const t = useStrings(userTextStrings);
  const { versions, shown, choose } = choice;
  if (versions.length < 2) return null;
  const name = (tag: string | null) => languageName(tag, locale.code);
  const original = versions[0]!;
  const says = shown.original
    ? original.language ? t('asFiled', { language: name(original.language)! }) : t('asFiledUnknown')
    : original.language ? t('translation', { language: name(shown.language)!, by: fmt.list(shown.by), original: name(original.language)! })
      : t('translationUnknown', { language: name(shown.language)!, by: fmt.list(shown.by) });
  return (
    <div className="text-languages" data-testid="text-languages" data-shown={shown.original ? 'original' : shown.language}>
      <p className="small">{says}</p>
      <div role="group" aria-label={t('versions')} className="text-language-buttons">
        {versions.filter((v) => v !== shown).map((v) => (
          <button key={keyOf(v)} type="button" className="secondary" onClick={() => choose(v)} lang={v.original ? undefined : v.language!}>
            {v.original ? t('readAsFiled') : t('readIn', { language: name(v.language)! })}
          </button>
        ))}
      </div>
    </div>
  );
}
