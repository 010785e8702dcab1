/**
 * Register a commitment (POST /api/commitments), at /commitments/new, and the
 * link to it on the list. Registering is not an action on a record: the
 * commitment list says whether the viewer may (its list-level `actions`
 * holds 'register'), and the link and the form follow it. The server still
 * decides, and its refusal is shown. On success the page goes to the new
 * commitment, which says which ledger entry recorded it.
 */
import { agreementsApi } from '../../agreements/api.js';
import { OrganisationOptions } from '../../agreements/organisations.js';
import { commitmentActionsApi } from '../../agreements/commitment-actions-api.js';
import { Gate, useLoad } from '../../agreements/ui.js';
import { agreementStrings } from '../../i18n/agreements.js';
import { useI18n } from '../../i18n/context.js';
import { useStrings } from '../../i18n/strings.js';
import { Link, navigate } from '../../router.js';
import { useSession } from '../../session.js';
import { CommitmentActionForm, useCommitmentStrings } from './action-form.js';
import { ClauseSelect, ConditionsFieldset, DeadlineFieldset, VisibilitySelect } from './fields.js';
import { LIMITS, registerBody, VISIBILITY_ORDER } from './model.js';

/** The list page's link to the register form, when the list says the viewer may register. */
export function RegisterCommitmentLink({ actions }: { actions: readonly string[] }) {
  const t = useCommitmentStrings();
  const { canWrite } = useSession();
  if (!canWrite || !actions.includes('register')) return null;
  return <p><Link className="button" href="/commitments/new" data-testid="register-commitment-link">{t('reg.link')}</Link></p>;
}

export function NewCommitmentPage() {
  const { t: core } = useI18n();
  const t = useCommitmentStrings();
  const ta = useStrings(agreementStrings);
  const { viewer, canWrite } = useSession();
  const signedIn = Boolean(viewer && canWrite);
  const { value } = useLoad(async () => {
    if (!signedIn) return null;
    const [register, list] = await Promise.all([commitmentActionsApi.clauses(), agreementsApi.commitments(new URLSearchParams())]);
    return { register, list };
  }, `new:${signedIn}`);
  const allowed = value && 'data' in value ? value.data?.list.actions.includes('register') : undefined;

  const back = <p><Link href="/commitments">{ta('com.back')}</Link></p>;
  if (viewer === undefined) return <p role="status">{core('common.loading')}</p>;
  if (!viewer || !canWrite) return <section><h1>{t('reg.title')}</h1><p><Link href="/login?next=/commitments/new">{core('header.signIn')}</Link></p></section>;
  if (allowed === false) return <section><h1>{t('reg.title')}</h1>{back}<p data-testid="register-not-allowed">{t('reg.notAllowed')}</p></section>;
  return (
    <section className="narrow">
      {back}
      <h1 id="register-h">{t('reg.title')}</h1>
      <p>{t('reg.intro')}</p>
      <Gate value={value} next="/commitments/new">
        {(ctx) => ctx && (
          <CommitmentActionForm testId="register-commitment" labelledBy="register-h" submit="reg.submit"
            build={registerBody} send={(body) => commitmentActionsApi.register(body)}
            onDone={(r) => navigate(`/commitments/${r.commitment.id}?registered=${r.entry.index}`)}>
            <label><span>{t('f.title')}</span><input name="title" maxLength={LIMITS.title} dir="auto" required aria-required="true" /></label>
            <label>
              <span>{t('f.party')}</span>
              <input name="obligated_party" maxLength={32} dir="ltr" list="com-parties" autoComplete="off" required aria-required="true" />
            </label>
            <OrganisationOptions id="com-parties" kinds={['party']} />
            <ClauseSelect clauses={ctx.register.items} />
            <label><span>{t('f.indicator')}</span><textarea name="indicator" rows={2} maxLength={LIMITS.indicator} dir="auto" required aria-required="true" /></label>
            <label><span>{t('f.evidenceRequired')}</span><textarea name="evidence_required" rows={2} maxLength={LIMITS.evidence_required} dir="auto" required aria-required="true" /></label>
            <DeadlineFieldset legend="f.deadline" dDay={ctx.register.d_day} />
            <ConditionsFieldset options={ctx.list.items} />
            <VisibilitySelect options={VISIBILITY_ORDER} current="parties" />
            <label><span>{t('f.notes')}</span><textarea name="notes" rows={3} maxLength={LIMITS.notes} dir="auto" /></label>
          </CommitmentActionForm>
        )}
      </Gate>
    </section>
  );
}
