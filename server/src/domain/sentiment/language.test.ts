import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage, primaryLanguage, toIso639_1 } from './language';
import { isScorable, MentionScorer, mentionLanguage, type MentionModel } from './mention-scorer';

describe('detectLanguage', () => {
  it('reads English tweets (handles, hashtags and links ignored) from their function words or trigrams', () => {
    assert.equal(
      detectLanguage('@united the flight was not good at all, delayed 3 hours #fail').language,
      'eng',
    );
    assert.equal(detectLanguage('this is fine').language, 'eng');
    assert.equal(
      detectLanguage('Quality customer service from @AmericanAir today https://t.co/x').language,
      'eng',
    );
  });
  it('detects other languages by trigrams or by a script of their own', () => {
    assert.equal(
      detectLanguage('El servicio fue terrible y nadie nos ayudó con el equipaje').language,
      'spa',
    );
    assert.equal(detectLanguage('Der Flug war eine Katastrophe, niemand hat uns geholfen').language, 'deu');
    assert.equal(detectLanguage('Merci beaucoup pour votre aide, très bon service').language, 'fra');
    assert.deepEqual(detectLanguage('最悪のサービスでした'), { language: 'jpn', method: 'script' });
    assert.deepEqual(detectLanguage('서비스가 최악이에요'), { language: 'kor', method: 'script' });
  });
  it('answers und for texts too short to tell, emoji and empty texts', () => {
    assert.equal(detectLanguage('ok').language, 'und');
    assert.equal(detectLanguage('😍😍 :)').language, 'und');
    assert.equal(detectLanguage('').language, 'und');
    assert.equal(detectLanguage('@someone https://t.co/abc').language, 'und');
  });
  it('maps codes to what platforms send', () => {
    assert.equal(toIso639_1('eng'), 'en');
    assert.equal(toIso639_1('yor'), 'yor');
    assert.equal(primaryLanguage('en-GB'), 'en');
    assert.equal(primaryLanguage('und'), undefined);
    assert.equal(primaryLanguage(null), undefined);
  });
});

describe('MentionScorer (language rule)', () => {
  const model: MentionModel = {
    languages: ['en'],
    predict: () => ({
      label: 'positive',
      probabilities: { negative: 0.1, neutral: 0.2, positive: 0.7 },
      confidence: 0.7,
    }),
  };
  it('scores English, short Latin and emoji-only texts', () => {
    const scorer = new MentionScorer(model);
    assert.equal(scorer.assess('love it, thanks for the help').label, 'positive');
    assert.equal(scorer.assess('Great service!!').unscored, false);
    assert.equal(scorer.assess('😍😍').label, 'positive');
  });
  it('marks other languages unscored instead of guessing', () => {
    const scorer = new MentionScorer(model);
    const spanish = scorer.assess('El servicio fue terrible y nadie nos ayudó con el equipaje');
    assert.deepEqual(spanish, {
      language: 'es',
      unscored: true,
      label: null,
      probabilities: null,
      confidence: null,
    });
    assert.equal(scorer.assess('最悪のサービスでした').unscored, true);
    // A short text in a script the model cannot read is not guessed at either.
    assert.equal(scorer.assess('Плохо').unscored, true);
  });
  it("trusts the platform's language tag over detection", () => {
    const scorer = new MentionScorer(model);
    assert.equal(scorer.assess('the service was great', 'es').unscored, true);
    assert.equal(scorer.assess('ok', 'en-US').label, 'positive');
    assert.equal(mentionLanguage('El servicio fue terrible y nadie nos ayudó', 'pt-BR'), 'pt');
    assert.equal(isScorable('ok', 'und', ['en']), true);
  });
});
