/** Request and response schemas of the agenda routes (agenda items of negotiation texts). */
import { z } from 'zod';
import { AGENDA_ID, MANDATE_RULINGS, TEXT_ID } from '../../domain/entries/text.js';
import { agendaItem } from './texts.schema.js';

export const agendaParams = z.object({ id: z.string().regex(AGENDA_ID, 'not an agenda item id (AGD-YYYY-NNNN)') });

export const raiseBody = z.strictObject({
  document_id: z.string().regex(TEXT_ID),
  title: z.string().min(1).max(300),
  text: z.string().min(1).max(8000),
});

export const ruleBody = z.strictObject({
  mandate: z.enum(MANDATE_RULINGS),
  reason: z.string().min(1).max(4000),
});

export const agendaQuery = z.strictObject({ document: z.string().regex(TEXT_ID).optional() });

const entry = z.object({ index: z.number().int(), type: z.string() });
export const agendaList = z.object({ items: z.array(agendaItem) });
export const recordedAgendaItem = z.object({ item: agendaItem, entry });
