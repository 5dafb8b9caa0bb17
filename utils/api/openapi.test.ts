import { describe, expect, it } from 'vitest';
import { createGenerator, loadOpenApi, SPECS, type SpecDate } from '../../tests/openapi/generate';
import { parseDatasetDetail, parseDatasetList, parseModelDetail, parseModelList } from './schema';

// Every answer Ideogram's published OpenAPI schemas allow is read: generated from the schemas
// themselves (see tests/openapi/generate.ts), with their own examples. Both published documents:
// the newer one's (FAILED runs, captions) and the older one's answers are read alike.

describe.each(Object.keys(SPECS) as SpecDate[])('the document of %s', (date) => {
  const generator = createGenerator(loadOpenApi(date));

  describe('GET /models', () => {
    it.each(generator.cases('/models'))('reads %s', (_, body, time) => {
      const result = parseModelList(body);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const sent = (body as { models: { model_id: string }[] }).models;
      // Every model is kept; one listed twice (the examples repeat one) is kept once.
      const distinct = new Set(sent.map((m) => m.model_id)).size;
      expect(result.value.items).toHaveLength(distinct);
      expect(result.value.dropped).toBe(sent.length - distinct);
      if (time !== null) expect(result.value.items[0]!.createdAt).toBe(time);
    });
  });

  describe('GET /models/{model_id}', () => {
    it.each(generator.cases('/models/{model_id}'))('reads %s', (_, body, time) => {
      const result = parseModelDetail(body);
      expect(result.ok).toBe(true);
      if (!result.ok || time === null) return;
      expect(result.value.createdAt).toBe(time);
      const runs = (body as { model: { training_runs?: unknown[] } }).model.training_runs;
      // Training runs come with the detail: each one kept, with its own times.
      if (runs?.length) {
        expect(result.value.runs).toHaveLength(runs.length);
        expect(result.value.runs![0]!.createdAt).toBe(time);
      }
    });
  });

  describe('GET /datasets', () => {
    it.each(generator.cases('/datasets'))('reads %s', (_, body, time) => {
      const result = parseDatasetList(body);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const sent = (body as { datasets: { dataset_id: string }[] }).datasets;
      const distinct = new Set(sent.map((d) => d.dataset_id)).size;
      expect(result.value.items).toHaveLength(distinct);
      expect(result.value.dropped).toBe(sent.length - distinct);
      if (time !== null) expect(result.value.items[0]!.createdAt).toBe(time);
    });
  });

  describe('GET /datasets/{dataset_id}', () => {
    it.each(generator.cases('/datasets/{dataset_id}'))('reads %s', (_, body) => {
      const result = parseDatasetDetail(body);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const sent = body as { files: unknown[]; custom_model_ids: string[] };
      expect(result.value.files).toHaveLength(sent.files.length);
      expect(result.value.modelIds).toEqual([...new Set(sent.custom_model_ids)]);
    });

    it('reads the older answer that named one model (`custom_model_id`), or none', () => {
      const dataset = {
        dataset_id: 'd1',
        name: 'Old',
        user_id: 'u',
        creation_time: '2000-01-23T04:56:07Z',
      };
      const one = parseDatasetDetail({ dataset, file_count: 0, files: [], custom_model_id: 'm1' });
      const none = parseDatasetDetail({ dataset, file_count: 0, files: [], custom_model_id: null });
      expect(one).toMatchObject({ ok: true, value: { modelIds: ['m1'] } });
      expect(none).toMatchObject({ ok: true, value: { modelIds: [] } });
    });
  });
});
