import { expect } from 'vitest';
import type { TestApp } from './test-app.js';
import { multipart } from './multipart.js';

/** A file a party sends as a case record. */
export interface RecordFile {
  name: string;
  type: string;
  bytes: Uint8Array;
}

/** Uploads a medical record to a case through the API as the given user; answers the new document's id. */
export async function uploadRecord(t: TestApp, cookie: string, caseId: string, file: RecordFile): Promise<string> {
  const up = multipart({ kind: 'medical_record' }, file);
  const res = await t.app.inject({ method: 'POST', url: `/api/cases/${caseId}/documents`, headers: { ...up.headers, cookie }, payload: up.payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** The audit rows of the case's document reads, newest first. */
export async function documentReads(t: TestApp, caseId: string) {
  return (await t.services.audit.list({ caseId, action: 'case.document_read', limit: 50 })).entries;
}
