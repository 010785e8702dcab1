/** A text's detail after one of its agenda items was raised or ruled: the server's answer for that item, in place (or added at the end). */
import type { AgendaItem, TextDetail } from '../../agreements/api.js';

export function withAgendaItem(doc: TextDetail, item: AgendaItem): TextDetail {
  const known = doc.agenda.some((a) => a.id === item.id);
  return { ...doc, agenda: known ? doc.agenda.map((a) => (a.id === item.id ? item : a)) : [...doc.agenda, item] };
}
