// Whom to call: the runbook's contacts, and its escalation chain with the minutes each level must be
// reached within. In the rollback question the chain counts from the moment trouble was raised.
import type { Contact, EscalationLevel, Runbook } from '../../../../shared/model';
import { resolveContact, telHref } from '../../../../shared/contacts';
import { formatDuration, hhmm, useNow } from '../../hooks';
import { useT } from '../../i18n/useT';

/** The contact for a level of the chain: same role, or one that contains the other. */
function contactFor(contacts: Contact[], level: EscalationLevel): Contact | undefined {
  return (
    contacts.find((c) => c.role === level.role) ??
    contacts.find((c) => c.role.includes(level.role) || level.role.includes(c.role))
  );
}

/** A person as the session knows them: the role's filled name and number (a tel: link), or the blank. */
function Person({ c, values }: { c: Contact; values: Readonly<Record<string, string>> }) {
  const { name, phone } = resolveContact(c, values);
  const href = telHref(phone);
  return (
    <span className="person">
      {name || <span className="muted">{c.name}</span>}{' '}
      {href ? (
        <a className="phone" href={href}>
          {phone}
        </a>
      ) : (
        (phone || c.phone) && <span className="phone muted">{phone || c.phone}</span>
      )}
    </span>
  );
}

export function Contacts({
  model,
  since = null,
  values = {},
}: {
  model: Runbook;
  since?: number | null;
  values?: Readonly<Record<string, string>> | undefined;
}) {
  const t = useT();
  const now = useNow(1000);
  const { contacts, escalation } = model;
  if (!contacts.length && !escalation.length) return null;
  const chained = new Set(escalation.map((l) => contactFor(contacts, l)).filter(Boolean));
  return (
    <div className="contacts-panel" data-testid="contacts">
      {escalation.length > 0 && (
        <ol className="escalation" aria-label={t('contacts.escalation')}>
          {escalation.map((l, i) => {
            const c = contactFor(contacts, l);
            const due = since !== null && l.withinMinutes !== null ? since + l.withinMinutes * 60_000 : null;
            return (
              <li
                key={i}
                className={due !== null && due <= now ? 'escalation-due' : undefined}
                data-testid="escalation-level"
              >
                <span className="escalation-time">
                  {l.withinMinutes !== null ? t('contacts.within', { n: l.withinMinutes }) : '—'}
                </span>
                <b>{l.role}</b>
                {c && <Person c={c} values={values} />}
                {due !== null && (
                  <span className="escalation-due-at">
                    {due <= now
                      ? t('contacts.callNow', { at: hhmm(due) })
                      : t('contacts.callBy', { at: hhmm(due), d: formatDuration(due - now) })}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {contacts.filter((c) => !chained.has(c)).length > 0 && (
        <ul className="contacts">
          {contacts
            .filter((c) => !chained.has(c))
            .map((c, i) => (
              <li key={i}>
                <b>{c.role}</b> <Person c={c} values={values} />
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
