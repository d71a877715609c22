import { useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { api, capabilities, DOCUMENT_UPLOAD_ROUTE, MAX_UPLOAD_BYTES, type EligibilityView } from '../api/endpoints.js';
import { useAsync } from '../lib/use-async.js';
import { Field } from '../components/field.js';
import { ErrorBox, ProgressLine } from '../components/feedback.js';
import { ApplicationReceived } from '../components/intake-received.js';
import { PickedFilesTable, type DocKind, type PickedFile } from '../components/intake-files.js';
import { IntakeItemsFieldset } from '../components/intake-items.js';
import {
  advisories,
  emptyForm,
  fieldForPath,
  filingWindow,
  toApplication,
  toCaseExtras,
  UR_SERVICE_METHODS,
  validate,
  type IntakeForm,
  type ItemDraft,
} from '../lib/intake-form.js';
import { formatBytes, formatDate, todayIso } from '../lib/format.js';


type Phase =
  | { step: 'editing' }
  | { step: 'creating' }
  | { step: 'uploading'; caseId: string; index: number; total: number; name: string; fraction: number }
  | { step: 'screening'; caseId: string }
  | { step: 'done'; caseId: string; caseNumber: string; eligibility: EligibilityView | null; uploadErrors: string[] };

const ACCEPT = '.pdf,.txt,application/pdf,text/plain';

export function IntakeScreen() {
  const today = todayIso();
  const [form, setForm] = useState<IntakeForm>(() => emptyForm(today));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [summary, setSummary] = useState('');
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'editing' });
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const caps = useAsync(() => capabilities(), []);
  const canUpload = caps.data?.has(DOCUMENT_UPLOAD_ROUTE) ?? false;

  const problems = useMemo(() => ({ ...validate(form, today), ...serverProblems }), [form, today, serverProblems]);
  const notes = advisories({ ...form, urDecisionCopy: form.urDecisionCopy || files.some((f) => f.kind === 'ur_decision') });
  const window_ = filingWindow(form);
  const show = (k: string) => (submitted || touched.has(k) ? problems[k] : undefined);

  const set = <K extends keyof IntakeForm>(k: K, v: IntakeForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setServerProblems((p) => {
      if (!(k in p)) return p;
      const { [k]: _, ...rest } = p;
      return rest;
    });
  };
  const touch = (k: string) => setTouched((t) => (t.has(k) ? t : new Set(t).add(k)));
  const setItem = (n: number, patch: Partial<ItemDraft>) => set('items', form.items.map((it, i) => (i === n ? { ...it, ...patch } : it)));

  const addFiles = (list: FileList | null, kind: DocKind) => {
    if (!list) return;
    const picked: PickedFile[] = [];
    const refused: string[] = [];
    for (const file of Array.from(list)) {
      const okType = /\.(pdf|txt)$/i.test(file.name) || file.type === 'application/pdf' || file.type === 'text/plain';
      if (!okType) refused.push(`${file.name}: only PDF or plain-text files are accepted.`);
      else if (file.size > MAX_UPLOAD_BYTES) refused.push(`${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_UPLOAD_BYTES)} per file. Split or compress it.`);
      else picked.push({ file, kind });
    }
    setFileProblem(refused.length ? refused.join(' ') : null);
    setFiles((f) => [...f, ...picked]);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setError(null);
    const current = validate(form, today);
    if (Object.keys(current).length > 0) {
      // Move focus to the first field with a problem, so keyboard users land on it.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const application = toApplication({ ...form, urDecisionCopy: form.urDecisionCopy || files.some((f) => f.kind === 'ur_decision') });
    setPhase({ step: 'creating' });
    let created: { id: string; caseNumber: string };
    try {
      created = await api.createCase({
        application,
        ...toCaseExtras(form),
        ...(summary.trim() ? { clinicalSummary: summary.trim() } : {}),
        ...(files.length ? { documentsReviewed: files.map((f) => `${f.kind === 'ur_decision' ? 'UR decision' : 'Medical record'}: ${f.file.name}`) } : {}),
      });
    } catch (err) {
      if (err instanceof ApiError && err.details.length) {
        const byField: Record<string, string> = {};
        for (const d of err.details) byField[fieldForPath(d.path.replace(/^(body\.)?application\./, ''))] ??= d.message;
        setServerProblems(byField);
      }
      setError(err);
      setPhase({ step: 'editing' });
      return;
    }
    const uploadErrors: string[] = [];
    for (let i = 0; canUpload && i < files.length; i++) {
      const pf = files[i]!;
      setPhase({ step: 'uploading', caseId: created.id, index: i, total: files.length, name: pf.file.name, fraction: 0 });
      try {
        await api.uploadDocument(created.id, pf.file, pf.kind, (fraction) =>
          setPhase({ step: 'uploading', caseId: created.id, index: i, total: files.length, name: pf.file.name, fraction }),
        );
      } catch (err) {
        uploadErrors.push(`${pf.file.name}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    setPhase({ step: 'screening', caseId: created.id });
    let eligibility: EligibilityView | null = null;
    try {
      eligibility = (await api.checkEligibility(created.id)).view;
    } catch (err) {
      setError(err);
    }
    setPhase({ step: 'done', caseId: created.id, caseNumber: created.caseNumber, eligibility, uploadErrors });
  };

  if (phase.step === 'done') {
    return (
      <ApplicationReceived
        received={phase}
        error={error}
        onAnother={() => {
          setForm(emptyForm(today));
          setFiles([]);
          setSummary('');
          setTouched(new Set());
          setSubmitted(false);
          setError(null);
          setPhase({ step: 'editing' });
        }}
      />
    );
  }

  const busy = phase.step !== 'editing';
  const problemCount = Object.keys(problems).length;
  return (
    <section aria-labelledby="intake-title">
      <div className="page-head">
        <h1 id="intake-title">New application</h1>
        <span className="sub">Application for Independent Medical Review (DWC Form IMR). Fields marked * are required.</span>
      </div>
      <form ref={formRef} onSubmit={submit} noValidate className="review-layout" style={{ gridTemplateColumns: '1fr 320px' }}>
        <div>
          <fieldset>
            <legend>Injured worker</legend>
            <div className="form-grid">
              <Field id="workerName" label="Name" required problem={show('workerName')}>
                {(a) => <input {...a} type="text" value={form.workerName} onChange={(e) => set('workerName', e.target.value)} onBlur={() => touch('workerName')} />}
              </Field>
              <Field id="workerDob" label="Date of birth" problem={show('workerDob')}>
                {(a) => <input {...a} type="date" value={form.workerDob} onChange={(e) => set('workerDob', e.target.value)} onBlur={() => touch('workerDob')} />}
              </Field>
              <Field id="workerInjuryDate" label="Date of injury" hint="Blank if the form leaves it blank" problem={show('workerInjuryDate')}>
                {(a) => <input {...a} type="date" value={form.workerInjuryDate} onChange={(e) => set('workerInjuryDate', e.target.value)} onBlur={() => touch('workerInjuryDate')} />}
              </Field>
              <Field id="workerClaimNumber" label="Claim number" problem={show('workerClaimNumber')}>
                {(a) => <input {...a} type="text" value={form.workerClaimNumber} onChange={(e) => set('workerClaimNumber', e.target.value)} />}
              </Field>
              <Field id="workerSex" label="Sex" hint="As the records state it; the letter's case summary says it">
                {(a) => (
                  <select {...a} value={form.workerSex} onChange={(e) => set('workerSex', e.target.value as typeof form.workerSex)}>
                    <option value="">Not stated</option>
                    <option value="female">Female</option>
                    <option value="male">Male</option>
                  </select>
                )}
              </Field>
              <Field id="workerAddress" label="Mailing address" hint="One line per line; the determination is mailed here" problem={show('workerAddress')}>
                {(a) => <textarea {...a} rows={3} value={form.workerAddress} onChange={(e) => set('workerAddress', e.target.value)} />}
              </Field>
            </div>
          </fieldset>

          <fieldset>
            <legend>Representative (if the worker has one)</legend>
            <div className="form-grid">
              <Field id="repName" label="Name" hint="Blank: no representative" problem={show('repName')}>
                {(a) => <input {...a} type="text" value={form.repName} onChange={(e) => set('repName', e.target.value)} />}
              </Field>
              <Field id="repFirm" label="Firm" problem={show('repFirm')}>
                {(a) => <input {...a} type="text" value={form.repFirm} onChange={(e) => set('repFirm', e.target.value)} />}
              </Field>
              <Field id="repAddress" label="Mailing address" hint="One line per line" problem={show('repAddress')}>
                {(a) => <textarea {...a} rows={3} value={form.repAddress} onChange={(e) => set('repAddress', e.target.value)} />}
              </Field>
            </div>
          </fieldset>

          <fieldset>
            <legend>Employer and claims administrator</legend>
            <div className="form-grid">
              <Field id="employerName" label="Employer" required problem={show('employerName')}>
                {(a) => <input {...a} type="text" value={form.employerName} onChange={(e) => set('employerName', e.target.value)} onBlur={() => touch('employerName')} />}
              </Field>
              <Field id="caName" label="Claims administrator" required problem={show('caName')}>
                {(a) => <input {...a} type="text" value={form.caName} onChange={(e) => set('caName', e.target.value)} onBlur={() => touch('caName')} />}
              </Field>
              <Field id="caId" label="Administrator identifier" required hint="e.g. its DWC claims administrator id" problem={show('caId')}>
                {(a) => <input {...a} type="text" value={form.caId} onChange={(e) => set('caId', e.target.value)} onBlur={() => touch('caId')} />}
              </Field>
              <Field id="caInsurer" label="Insurer (if different)" problem={show('caInsurer')}>
                {(a) => <input {...a} type="text" value={form.caInsurer} onChange={(e) => set('caInsurer', e.target.value)} />}
              </Field>
            </div>
          </fieldset>

          <fieldset>
            <legend>Requesting provider</legend>
            <div className="form-grid">
              <Field id="providerName" label="Name" required problem={show('providerName')}>
                {(a) => <input {...a} type="text" value={form.providerName} onChange={(e) => set('providerName', e.target.value)} onBlur={() => touch('providerName')} />}
              </Field>
              <Field id="providerSpecialty" label="Specialty" required problem={show('providerSpecialty')}>
                {(a) => <input {...a} type="text" value={form.providerSpecialty} onChange={(e) => set('providerSpecialty', e.target.value)} onBlur={() => touch('providerSpecialty')} />}
              </Field>
              <Field id="providerNpi" label="NPI" hint="10 digits" problem={show('providerNpi')}>
                {(a) => <input {...a} type="text" inputMode="numeric" value={form.providerNpi} onChange={(e) => set('providerNpi', e.target.value)} onBlur={() => touch('providerNpi')} />}
              </Field>
              <Field id="providerGroup" label="Medical group" problem={show('providerGroup')}>
                {(a) => <input {...a} type="text" value={form.providerGroup} onChange={(e) => set('providerGroup', e.target.value)} />}
              </Field>
            </div>
          </fieldset>

          <fieldset>
            <legend>Utilization review decision</legend>
            <div className="form-grid">
              <Field id="urDecisionDate" label="Decision date" required problem={show('urDecisionDate')}>
                {(a) => <input {...a} type="date" value={form.urDecisionDate} onChange={(e) => set('urDecisionDate', e.target.value)} onBlur={() => touch('urDecisionDate')} />}
              </Field>
              <Field id="urDateServed" label="Date served on the worker" required problem={show('urDateServed')}>
                {(a) => <input {...a} type="date" value={form.urDateServed} onChange={(e) => set('urDateServed', e.target.value)} onBlur={() => touch('urDateServed')} />}
              </Field>
              <Field id="urHowServed" label="How served" required hint="Mail adds 5 days to the filing period" problem={show('urHowServed')}>
                {(a) => (
                  <select {...a} value={form.urHowServed} onChange={(e) => set('urHowServed', e.target.value as IntakeForm['urHowServed'])} onBlur={() => touch('urHowServed')}>
                    <option value="">Choose…</option>
                    {UR_SERVICE_METHODS.map((m) => (
                      <option key={m} value={m}>
                        {m[0]!.toUpperCase() + m.slice(1)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field id="urOrganization" label="UR organisation" required problem={show('urOrganization')}>
                {(a) => <input {...a} type="text" value={form.urOrganization} onChange={(e) => set('urOrganization', e.target.value)} onBlur={() => touch('urOrganization')} />}
              </Field>
            </div>
            <label className="check">
              <input type="checkbox" checked={form.urConditionallyNonCertified} onChange={(e) => set('urConditionallyNonCertified', e.target.checked)} />
              Conditionally non-certified (denied because requested information was not received)
            </label>
          </fieldset>

          <IntakeItemsFieldset items={form.items} show={show} touch={touch} setItem={setItem} setItems={(v) => set('items', v)} />

          <fieldset>
            <legend>Review type and filing</legend>
            <div className="form-grid">
              <Field id="applicationReceivedDate" label="Application received" required problem={show('applicationReceivedDate')}>
                {(a) => (
                  <input {...a} type="date" value={form.applicationReceivedDate} onChange={(e) => set('applicationReceivedDate', e.target.value)} onBlur={() => touch('applicationReceivedDate')} />
                )}
              </Field>
            </div>
            <label className="check">
              <input type="checkbox" checked={form.expeditedRequested} onChange={(e) => set('expeditedRequested', e.target.checked)} />
              Expedited review requested
            </label>
            <label className="check">
              <input type="checkbox" checked={form.physicianCertification} onChange={(e) => set('physicianCertification', e.target.checked)} disabled={!form.expeditedRequested} />
              The treating physician certified an imminent, serious threat to health
            </label>
            <label className="check">
              <input type="checkbox" checked={form.signedByWorker} onChange={(e) => set('signedByWorker', e.target.checked)} />
              Signed by the injured worker or representative
            </label>
            <label className="check">
              <input type="checkbox" checked={form.liabilityDisputed} onChange={(e) => set('liabilityDisputed', e.target.checked)} />
              The claims administrator disputes liability
            </label>
            <label className="check" style={{ marginBottom: '0.6rem' }}>
              <input type="checkbox" checked={form.urDecisionCopy} onChange={(e) => set('urDecisionCopy', e.target.checked)} />
              A paper copy of the UR decision came with the application
            </label>
          </fieldset>

          <fieldset>
            <legend>Clinical summary and documents</legend>
            <div className="field">
              <label htmlFor="clinicalSummary">Clinical case summary</label>
              <textarea id="clinicalSummary" rows={5} value={summary} onChange={(e) => setSummary(e.target.value)} aria-describedby="clinicalSummary-hint" />
              <div id="clinicalSummary-hint" className="hint">
                Optional: the engine drafts each decision from the uploaded medical records; a summary typed here is one more source.
              </div>
            </div>
            <p className="muted small">
              PDF or plain text, up to {formatBytes(MAX_UPLOAD_BYTES)} per file.{' '}
              {canUpload
                ? 'Files upload after the application is saved, with their progress shown.'
                : caps.data
                  ? 'This server keeps the list of documents but not the files themselves: each file is recorded by name in the case’s documents.'
                  : ''}
            </p>
            <div className="form-grid">
              <div className="field">
                <label htmlFor="ur-file">UR decision</label>
                <input id="ur-file" type="file" accept={ACCEPT} onChange={(e) => { addFiles(e.target.files, 'ur_decision'); e.target.value = ''; }} />
              </div>
              <div className="field">
                <label htmlFor="records-file">Medical records</label>
                <input id="records-file" type="file" accept={ACCEPT} multiple onChange={(e) => { addFiles(e.target.files, 'medical_record'); e.target.value = ''; }} />
              </div>
            </div>
            {fileProblem && (
              <div className="problem" role="alert" style={{ color: 'var(--bad)', marginBottom: '0.5rem' }}>
                {fileProblem}
              </div>
            )}
            {files.length > 0 && <PickedFilesTable files={files} onRemove={(i) => setFiles(files.filter((_, j) => j !== i))} />}
          </fieldset>
        </div>

        <aside className="sticky" aria-label="Check before submitting">
          <div className="panel">
            <h2>Before you submit</h2>
            {window_ ? (
              <p className={window_.onTime ? '' : 'days late'}>
                Filing deadline <strong>{formatDate(window_.due)}</strong> <span className="muted small">({window_.explanation})</span>.{' '}
                {window_.onTime ? 'Received on time.' : `Received ${window_.daysLate} day${window_.daysLate === 1 ? '' : 's'} late: the application will be ineligible.`}
              </p>
            ) : (
              <p className="muted">Enter the UR service date, how it was served and the received date to see the filing deadline.</p>
            )}
            {notes.length > 0 && (
              <ul className="small" style={{ paddingLeft: '1.1rem' }}>
                {notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
            {submitted && problemCount > 0 && (
              <div className="alert error" role="alert">
                <strong>
                  {problemCount} field{problemCount === 1 ? ' needs' : 's need'} attention.
                </strong>
                Correct the fields marked in red, then submit again.
              </div>
            )}
            {error !== null && phase.step === 'editing' && <ErrorBox error={error} title="The application was not saved." />}
            {phase.step === 'creating' && <ProgressLine label="Saving the application…" value={null} />}
            {phase.step === 'uploading' && (
              <ProgressLine label={`Uploading ${phase.name} (${phase.index + 1} of ${phase.total})`} value={phase.fraction} />
            )}
            {phase.step === 'screening' && <ProgressLine label="Checking eligibility…" value={null} />}
            <button className="primary" type="submit" disabled={busy} style={{ width: '100%', justifyContent: 'center', marginTop: '0.5rem' }}>
              Submit application
            </button>
          </div>
        </aside>
      </form>
    </section>
  );
}
