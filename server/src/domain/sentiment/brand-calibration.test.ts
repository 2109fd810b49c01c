import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  applyBrandCalibration,
  fitBrandCalibration,
  heldOutMinimum,
  parseBrandCalibration,
} from './brand-calibration';
import { MentionScorer } from './mention-scorer';

/** A brand whose neutral mentions the model reads as negative (logits [1, 0.4, 0]); its negatives are clearer. */
function brandData(count: number) {
  const logits = new Float64Array(count * 3);
  const gold: number[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    const jitter = ((i * 37) % 11) / 20;
    const row =
      kind === 0 ? [2.5 + jitter, 0, 0] : kind === 1 ? [1 + jitter / 2, 0.4, 0] : [0, 0.2, 2 + jitter];
    logits.set(row, i * 3);
    gold.push(kind);
  }
  const modelLabels = gold.map((_, i) => {
    const r = [logits[i * 3]!, logits[i * 3 + 1]!, logits[i * 3 + 2]!];
    return r.indexOf(Math.max(...r));
  });
  return { logits, gold, modelLabels };
}

describe('fitBrandCalibration', () => {
  it('learns from relabels that the model over-reads negatives, and measures it on a held-out part', () => {
    const { logits, gold, modelLabels } = brandData(60);
    const fit = fitBrandCalibration(logits, gold, modelLabels);
    assert.equal(fit.heldOut, true);
    assert.equal(fit.evaluatedOn, 18);
    assert.equal(fit.trainedOn, 60);
    assert.ok(fit.before.macroRecall < 0.7, `before ${fit.before.macroRecall}`);
    assert.equal(fit.after.macroRecall, 1);
    // The neutral mention pattern is now neutral.
    assert.equal(applyBrandCalibration(fit.calibration, [1.1, 0.4, 0]).label, 'neutral');
    assert.equal(applyBrandCalibration(fit.calibration, [2.8, 0, 0]).label, 'negative');
    const p = applyBrandCalibration(fit.calibration, [1.1, 0.4, 0]).probabilities;
    assert.ok(Math.abs(p.negative + p.neutral + p.positive - 1) < 1e-9);
  });

  it('with fewer relabels than the held-out minimum, reports on the relabels themselves', () => {
    const { logits, gold, modelLabels } = brandData(heldOutMinimum - 3);
    const fit = fitBrandCalibration(logits, gold, modelLabels);
    assert.equal(fit.heldOut, false);
    assert.equal(fit.evaluatedOn, heldOutMinimum - 3);
    assert.ok(fit.after.accuracy > fit.before.accuracy);
  });

  it('round-trips through storage and is applied by MentionScorer for that brand only', () => {
    const { logits, gold, modelLabels } = brandData(30);
    const { calibration } = fitBrandCalibration(logits, gold, modelLabels);
    const parsed = parseBrandCalibration(JSON.parse(JSON.stringify(calibration)));
    assert.deepEqual(parsed, calibration);
    assert.equal(parseBrandCalibration({ bias: [0, 0], temperature: 1, offsets: [0, 0, 0] }), undefined);
    const scorer = new MentionScorer({
      languages: ['en'],
      predict: () => ({
        label: 'negative',
        probabilities: { negative: 0.5, neutral: 0.3, positive: 0.2 },
        confidence: 0.5,
      }),
      logits: () => [1.1, 0.4, 0],
    });
    scorer.setBrandCalibration('brand-a', calibration);
    assert.equal(scorer.assess('the parcel arrived today', 'en', ['brand-a']).label, 'neutral');
    assert.equal(scorer.assess('the parcel arrived today', 'en', ['brand-b']).label, 'negative');
    scorer.setBrandCalibration('brand-a', null);
    assert.equal(scorer.assess('the parcel arrived today', 'en', ['brand-a']).label, 'negative');
  });
});
