/**
 * Texts that users wrote (an incident's title and notes) as filed, and in the
 * translations filed with them or added since (src/domain/entries/incident.ts
 * `translations`, incident-steps.ts `incident.translated`; keyed by BCP 47
 * tag). Which one a reader sees first: the translation into the UI's language
 * when there is one and the text was not written in that language; otherwise
 * the text as filed. The reader can always switch, and the page always says
 * which one is shown and who gave it: a translation is the complainant's or
 * the mediators' staff's, not the mechanism's, and only the text as filed is
 * what the other party answers to.
 */

export interface FiledText {
  /** The language the text was filed in, if the filer said. */
  language: string | null;
  title: string;
  notes: string;
  /** Who filed it: the giver of a translation filed with it (one without `by`). */
  filer: string;
  translations: Readonly<Record<string, { title?: string; notes?: string; by?: readonly string[] }>>;
}

export interface TextVersion {
  /** The language tag of this version; null when the filer did not say. */
  language: string | null;
  original: boolean;
  title: string;
  notes: string;
  /** Language of each field as shown: a translation missing a field shows the original's. */
  titleLanguage: string | null;
  notesLanguage: string | null;
  /** Who wrote this version: the filer for the original; whoever gave the translation, in order. */
  by: readonly string[];
}

/** Dari is filed as fa-AF, fa or prs; anything else compares by its primary language subtag. */
function primary(tag: string): string {
  const lang = tag.split('-')[0]!.toLowerCase();
  return lang === 'prs' ? 'fa' : lang;
}

export function sameLanguage(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && primary(a) === primary(b);
}

/** The text as filed first, then each translation (by tag), each complete (missing fields from the original). */
export function textVersions(text: FiledText): TextVersion[] {
  const original: TextVersion = {
    language: text.language, original: true, title: text.title, notes: text.notes,
    titleLanguage: text.language, notesLanguage: text.language, by: [text.filer],
  };
  const translated = Object.entries(text.translations)
    .filter(([tag, t]) => !sameLanguage(tag, text.language) && (t.title || t.notes))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, t]): TextVersion => ({
      language: tag,
      original: false,
      title: t.title || text.title,
      notes: t.notes || text.notes,
      titleLanguage: t.title ? tag : text.language,
      notesLanguage: t.notes ? tag : text.language,
      by: t.by ?? [text.filer],
    }));
  return [original, ...translated];
}

/** The version to show first to a reader of `uiLanguage`: an exact tag beats a language match. */
export function preferredVersion(versions: readonly TextVersion[], uiLanguage: string): TextVersion {
  const original = versions[0]!;
  if (sameLanguage(original.language, uiLanguage)) return original;
  const translations = versions.filter((v) => !v.original);
  return translations.find((v) => v.language === uiLanguage)
    ?? translations.find((v) => sameLanguage(v.language, uiLanguage))
    ?? original;
}

/** A language's name in the reader's language ("Turkish", "Türkçe", "ترکی"…), or its tag when the browser has no name for it. */
export function languageName(tag: string | null, uiLanguage: string): string | null {
  if (!tag) return null;
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A listed title: its translation into the reader's language when there is one (as on the detail page), else as filed. */
export function listedTitle(item: { title: string; language: string | null; title_translations: Readonly<Record<string, string>> }, uiLanguage: string): { text: string; language: string | null; translated: boolean } {
  const translations = Object.fromEntries(Object.entries(item.title_translations).map(([tag, title]) => [tag, { title }]));
  const shown = preferredVersion(textVersions({ language: item.language, title: item.title, notes: '', filer: '', translations }), uiLanguage);
  return { text: shown.title, language: shown.titleLanguage, translated: !shown.original };
}
