/** Every area's message set (./strings.ts), for strings.test.ts: one line per area. */
import type { Strings } from './strings.js';
import { dashboardStrings } from './dashboard.js';
import { agreementStrings } from './agreements.js';
import { mapStrings } from './map.js';
import { lifecycleStrings } from './lifecycle.js';
import { userTextStrings } from './user-text.js';
import { commitmentFormStrings } from './commitment-forms.js';
import { crossingFormStrings } from './crossing-forms.js';
import { crossingReportStrings } from './crossing-reports.js';
import { textFormStrings } from './text-forms.js';

export const AREAS: Record<string, Strings<string>> = {
  dashboard: dashboardStrings,
  agreements: agreementStrings,
  map: mapStrings,
  lifecycle: lifecycleStrings,
  userText: userTextStrings,
  commitmentForms: commitmentFormStrings,
  crossingForms: crossingFormStrings,
  crossingReports: crossingReportStrings,
  textForms: textFormStrings,
};
