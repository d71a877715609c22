import { describe, expect, it } from 'vitest';
import { WorkerDocumentReader } from '../reading-pool.js';
import type { Ocr, OcrResult } from './ocr-port.js';

describe('OCR takes turns in the reader', () => {
  it('reads at most one scan per reading worker at a time; the others wait and are all read', async () => {
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const ocr: Ocr = {
      available: async () => true,
      pageCount: async () => 1,
      async recognize(pdf): Promise<OcrResult> {
        running++;
        most = Math.max(most, running);
        order.push(`start ${pdf[0]}`);
        await new Promise((r) => setImmediate(r));
        order.push(`end ${pdf[0]}`);
        running--;
        return { pages: [{ page: 1, text: `scan ${pdf[0]}`, confidence: 90, words: 2 }], engine: 'fake' };
      },
    };
    const reader = new WorkerDocumentReader({ workers: 2, ocr });
    try {
      const results = await Promise.all([1, 2, 3, 4, 5].map((n) => reader.ocrPdf(new Uint8Array([n]), `scan-${n}.pdf`)));
      expect(results.map((r) => r.pages[0].text)).toEqual(['scan 1', 'scan 2', 'scan 3', 'scan 4', 'scan 5']);
      expect(most).toBe(2);
      expect(order.filter((o) => o.startsWith('start'))).toHaveLength(5);
    } finally {
      await reader.close();
    }
  });
});
