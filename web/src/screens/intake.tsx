import { useMemo, useState, type ChangeEvent } from 'react';
import { FormProvider, get, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, MAX_UPLOAD_BYTES } from '../api/endpoints.js';
import { queryKeys } from '../api/query-keys.js';
import { ErrorBox, ProgressLine } from '../components/feedback.js';
import { ApplicationReceived } from '../components/intake-received.js';
import { PickedFilesTable } from '../components/intake-files.js';
import { IntakeItemsFieldset } from '../components/intake-items.js';
import { IntakeAddress, IntakeCheck, IntakeInput, IntakeProblems, IntakeSelect } from '../components/intake-fields.js';
import { advisories, emptyForm, filingWindow, UR_SERVICE_METHODS, type IntakeForm } from '../lib/intake-form.js';
import { intakeFormSchema, problemsOf, type Problems } from '../lib/intake-form-schema.js';
import { pickFiles, serverProblems, submitApplication, withPickedFiles, type DocKind, type PickedFile, type SubmitProgress } from '../lib/intake-form-submit.js';
import { formatBytes, formatDate, todayIso } from '../lib/format.js';

const ACCEPT = '.pdf,.txt,application/pdf,text/plain';
const SEX_OPTIONS = [['', 'Not stated'], ['female', 'Female'], ['male', 'Male']] as const;
const HOW_SERVED_OPTIONS = [['', 'Choose…'], ...UR_SERVICE_METHODS.map((m) => [m, m[0]!.toUpperCase() + m.slice(1)] as const)] as const;

export function IntakeScreen() {
  const today = todayIso();
  const resolver = useMemo(() => zodResolver(intakeFormSchema(today)), [today]);
  // The form's checks cross fields (a date against another, an item against the list), so the whole
  // form is checked on every change and blur (`recheck`), not field by field: react-hook-form's own
  // validation modes are set to submit only.
  const form = useForm<IntakeForm>({ defaultValues: emptyForm(today), resolver, mode: 'onSubmit', reValidateMode: 'onSubmit' });
  const { formState, trigger, handleSubmit, reset } = form;
  const values = form.watch();
  // What the server refused on the last submit, by problem key, until its input changes.
  const [refused, setRefused] = useState<Problems>({});
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<SubmitProgress | null>(null);
  const queryClient = useQueryClient();
  const submission = useMutation({
    mutationFn: (v: { form: IntakeForm; files: PickedFile[] }) => submitApplication(api, v.form, v.files, setProgress),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.queues }),
    onError: (err) => {
      const byField = serverProblems(err);
      if (Object.keys(byField).length) setRefused(byField);
    },
    onSettled: () => setProgress(null),
  });

  const problems: Problems = { ...problemsOf(formState.errors), ...refused };
  const touched = (k: string) => (k === 'items' ? (formState.touchedFields.items ?? []).some((i) => i?.request) : !!get(formState.touchedFields, k));
  const show = (k: string) => (formState.isSubmitted || touched(k) ? problems[k] : undefined);
  const notes = advisories(withPickedFiles(values, files));
  const window_ = filingWindow(values);

  const recheck = (changed?: string) => {
    if (changed) {
      setRefused((p) => {
        const gone = Object.keys(p).filter((k) => k === changed || (k === 'items' && changed.startsWith('items.')));
        if (!gone.length) return p;
        return Object.fromEntries(Object.entries(p).filter(([k]) => !gone.includes(k)));
      });
    }
    void trigger();
  };

  const addFiles = (e: ChangeEvent<HTMLInputElement>, kind: DocKind) => {
    if (!e.target.files) return;
    const { picked, problem } = pickFiles(Array.from(e.target.files), kind, MAX_UPLOAD_BYTES);
    setFileProblem(problem);
    setFiles((f) => [...f, ...picked]);
    e.target.value = '';
  };

  const submit = handleSubmit(
    (v) => submission.mutate({ form: v, files }),
    // Invalid: react-hook-form moves focus to the first input with a problem, for keyboard users.
    () => submission.reset(),
  );

  if (submission.isSuccess) {
    return (
      <ApplicationReceived
        received={submission.data}
        error={submission.data.screeningError}
        onAnother={() => {
          reset(emptyForm(today));
          setFiles([]);
          setFileProblem(null);
          setRefused({});
          submission.reset();
        }}
      />
    );
  }

  const busy = submission.isPending;
  const problemCount = Object.keys(problems).length;
  return (
    <section aria-labelledby="intake-title">
      <div className="page-head">
        <h1 id="intake-title">New application</h1>
        <span className="sub">Application for Independent Medical Review (DWC Form IMR). Fields marked * are required.</span>
      </div>
      <FormProvider {...form}>
        <IntakeProblems.Provider value={show}>
          <form
            onSubmit={submit}
            onChange={(e) => recheck((e.target as { name?: string }).name)}
            onBlur={() => recheck()}
            noValidate
            className="review-layout"
            style={{ gridTemplateColumns: '1fr 320px' }}
          >
            <div>
              <fieldset>
                <legend>Injured worker</legend>
                <div className="form-grid">
                  <IntakeInput name="workerName" label="Name" required />
                  <IntakeInput name="workerDob" label="Date of birth" type="date" />
                  <IntakeInput name="workerInjuryDate" label="Date of injury" type="date" hint="Blank if the form leaves it blank" />
                  <IntakeInput name="workerClaimNumber" label="Claim number" />
                  <IntakeSelect name="workerSex" label="Sex" hint="As the records state it; the letter's case summary says it" options={SEX_OPTIONS} />
                  <IntakeAddress name="workerAddress" label="Mailing address" hint="One line per line; the determination is mailed here" />
                </div>
              </fieldset>

              <fieldset>
                <legend>Representative (if the worker has one)</legend>
                <div className="form-grid">
                  <IntakeInput name="repName" label="Name" hint="Blank: no representative" />
                  <IntakeInput name="repFirm" label="Firm" />
                  <IntakeAddress name="repAddress" label="Mailing address" hint="One line per line" />
                </div>
              </fieldset>

              <fieldset>
                <legend>Employer and claims administrator</legend>
                <div className="form-grid">
                  <IntakeInput name="employerName" label="Employer" required />
                  <IntakeInput name="caName" label="Claims administrator" required />
                  <IntakeInput name="caId" label="Administrator identifier" required hint="e.g. its DWC claims administrator id" />
                  <IntakeInput name="caInsurer" label="Insurer (if different)" />
                </div>
              </fieldset>

              <fieldset>
                <legend>Requesting provider</legend>
                <div className="form-grid">
                  <IntakeInput name="providerName" label="Name" required />
                  <IntakeInput name="providerSpecialty" label="Specialty" required />
                  <IntakeInput name="providerNpi" label="NPI" hint="10 digits" numeric />
                  <IntakeInput name="providerGroup" label="Medical group" />
                </div>
              </fieldset>

              <fieldset>
                <legend>Utilization review decision</legend>
                <div className="form-grid">
                  <IntakeInput name="urDecisionDate" label="Decision date" type="date" required />
                  <IntakeInput name="urDateServed" label="Date served on the worker" type="date" required />
                  <IntakeSelect name="urHowServed" label="How served" required hint="Mail adds 5 days to the filing period" options={HOW_SERVED_OPTIONS} />
                  <IntakeInput name="urOrganization" label="UR organisation" required />
                </div>
                <IntakeCheck name="urConditionallyNonCertified">Conditionally non-certified (denied because requested information was not received)</IntakeCheck>
              </fieldset>

              <IntakeItemsFieldset onListChange={() => recheck('items')} />

              <fieldset>
                <legend>Review type and filing</legend>
                <div className="form-grid">
                  <IntakeInput name="applicationReceivedDate" label="Application received" type="date" required />
                </div>
                <IntakeCheck name="expeditedRequested">Expedited review requested</IntakeCheck>
                <IntakeCheck name="physicianCertification" disabled={!values.expeditedRequested}>
                  The treating physician certified an imminent, serious threat to health
                </IntakeCheck>
                <IntakeCheck name="signedByWorker">Signed by the injured worker or representative</IntakeCheck>
                <IntakeCheck name="liabilityDisputed">The claims administrator disputes liability</IntakeCheck>
                <IntakeCheck name="urDecisionCopy" style={{ marginBottom: '0.6rem' }}>
                  A paper copy of the UR decision came with the application
                </IntakeCheck>
              </fieldset>

              <fieldset>
                <legend>Clinical summary and documents</legend>
                <div className="field">
                  <label htmlFor="clinicalSummary">Clinical case summary</label>
                  <textarea id="clinicalSummary" rows={5} {...form.register('clinicalSummary')} aria-describedby="clinicalSummary-hint" />
                  <div id="clinicalSummary-hint" className="hint">
                    Optional: the engine drafts each decision from the uploaded medical records; a summary typed here is one more source.
                  </div>
                </div>
                <p className="muted small">PDF or plain text, up to {formatBytes(MAX_UPLOAD_BYTES)} per file. Files upload after the application is saved, with their progress shown.</p>
                <div className="form-grid">
                  <div className="field">
                    <label htmlFor="ur-file">UR decision</label>
                    <input id="ur-file" type="file" accept={ACCEPT} onChange={(e) => addFiles(e, 'ur_decision')} />
                  </div>
                  <div className="field">
                    <label htmlFor="records-file">Medical records</label>
                    <input id="records-file" type="file" accept={ACCEPT} multiple onChange={(e) => addFiles(e, 'medical_record')} />
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
                {formState.isSubmitted && problemCount > 0 && (
                  <div className="alert error" role="alert">
                    <strong>
                      {problemCount} field{problemCount === 1 ? ' needs' : 's need'} attention.
                    </strong>
                    Correct the fields marked in red, then submit again.
                  </div>
                )}
                {submission.isError && <ErrorBox error={submission.error} title="The application was not saved." />}
                {progress?.step === 'creating' && <ProgressLine label="Saving the application…" value={null} />}
                {progress?.step === 'uploading' && <ProgressLine label={`Uploading ${progress.name} (${progress.index + 1} of ${progress.total})`} value={progress.fraction} />}
                {progress?.step === 'screening' && <ProgressLine label="Checking eligibility…" value={null} />}
                <button className="primary" type="submit" disabled={busy} style={{ width: '100%', justifyContent: 'center', marginTop: '0.5rem' }}>
                  Submit application
                </button>
              </div>
            </aside>
          </form>
        </IntakeProblems.Provider>
      </FormProvider>
    </section>
  );
}
